import { describe, expect, it } from "vitest";
import { Directory } from "../../../functions/domain/directory";
import { createReport, type Report } from "../../../functions/domain/report";
import { dispatch, verify } from "../../../functions/domain/staff-actions";
import { trackingIdFromRandom } from "../../../functions/domain/tracking-id";
import { getAgencyReindex } from "../../../functions/use-cases/get-agency-reindex";
import { getStaffReport } from "../../../functions/use-cases/get-staff-report";
import { listInbox } from "../../../functions/use-cases/list-inbox";
import { REINDEX_PAGE_SIZE, reindexReports } from "../../../functions/use-cases/reindex-reports";
import { updateAgency } from "../../../functions/use-cases/update-agency";
import { domainRejectionOf } from "../../fixtures/errors";
import {
  demoDirectoryData,
  FixedClock,
  MemoryDirectory,
  MemoryFigures,
  MemoryQueue,
  MemoryReindexJobs,
  MemoryReports,
  testRules,
  validReport,
} from "../../fixtures/in-memory";
import { bloraAdmin as blora, medanAdmin as medan, national } from "../../fixtures/journey";

const now = new Date("2026-11-23T03:00:00Z");
const directory = new Directory(demoDirectoryData);
const ctx = { now, directory, rules: testRules };

function dinkesReport(seed: number): Report {
  const trackingId = trackingIdFromRandom(
    Array.from({ length: 9 }, (_, i) => Math.floor(seed / 29 ** i) % 29),
  );
  let { report } = createReport(validReport, {
    trackingId,
    accessTokenHash: "00",
    now,
    directory,
    rules: testRules,
  });
  report = verify(report, national, { dispatchTo: "kab-blora" }, ctx).report;
  return dispatch(report, blora, { agencyId: "blora-dinkes" }, ctx).report;
}

function setup(count: number) {
  const reports = new MemoryReports();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = dinkesReport(i);
    ids.push(r.trackingId);
    reports.reports.set(r.trackingId, { report: r, timeline: [], followUps: [] });
  }
  const dir = new MemoryDirectory();
  const ports = {
    reports,
    directory: dir,
    reindexJobs: new MemoryReindexJobs(dir),
    queue: new MemoryQueue(),
    clock: new FixedClock(now),
    rules: testRules,
    figures: new MemoryFigures(),
  };
  return { ports, ids };
}

const moveDinkesToMedan = { parentId: "kota-medan" };

describe("moving an agency", () => {
  it("moves visibility at once: the old parent loses the subtree's reports, the new parent reads them", async () => {
    const { ports, ids } = setup(1);
    const [id] = ids as [string];
    await updateAgency(ports, national, "blora-dinkes", moveDinkesToMedan);
    expect((await domainRejectionOf(getStaffReport(ports, blora, id))).code).toBe("report_not_found");
    expect((await getStaffReport(ports, medan, id)).trackingId).toBe(id);
    expect((await listInbox(ports, blora, {})).reports).toHaveLength(0);
  });

  it("re-indexes every report of the subtree page by page, with progress, and nothing is missed", async () => {
    const count = REINDEX_PAGE_SIZE * 2 + 7;
    const { ports, ids } = setup(count);
    await updateAgency(ports, national, "blora-dinkes", moveDinkesToMedan);
    let pages = 0;
    for (
      let message = ports.queue.take("reindex");
      message.length > 0;
      message = ports.queue.take("reindex")
    ) {
      for (const m of message) await reindexReports(ports, m);
      pages++;
    }
    const job = await getAgencyReindex(ports, national, "blora-dinkes");
    expect(job).toMatchObject({ status: "done", processed: count, rewritten: count });
    expect(pages).toBeGreaterThanOrEqual(3);
    for (const id of ids) {
      expect(ports.reports.reports.get(id)?.report.agencyPath).toEqual([
        "nasional",
        "prov-sumut",
        "kota-medan",
        "blora-dinkes",
      ]);
    }
    const inbox = await listInbox(ports, medan, { limit: 100 });
    expect(inbox.reports).toHaveLength(100);
  });

  it("counts a redelivered page once and refuses a second move until the first is done", async () => {
    const { ports } = setup(3);
    await updateAgency(ports, national, "blora-dinkes", moveDinkesToMedan);
    const [first] = ports.queue.take("reindex");
    if (!first) throw new Error("no reindex message queued");
    const conflict = await domainRejectionOf(
      updateAgency(ports, national, "blora-dinkes", { parentId: "kab-blora" }),
    );
    expect(conflict.code).toBe("reindex_in_progress");
    await reindexReports(ports, first);
    await reindexReports(ports, first); // SQS delivers at least once
    for (let m = ports.queue.take("reindex"); m.length > 0; m = ports.queue.take("reindex")) {
      for (const message of m) await reindexReports(ports, message);
    }
    expect(await getAgencyReindex(ports, national, "blora-dinkes")).toMatchObject({
      status: "done",
      processed: 3,
    });
  });

  it("a repeated move request resumes a job whose message was lost", async () => {
    const { ports } = setup(2);
    await updateAgency(ports, national, "blora-dinkes", moveDinkesToMedan);
    ports.queue.take("reindex"); // lost
    await updateAgency(ports, national, "blora-dinkes", moveDinkesToMedan);
    const [again] = ports.queue.take("reindex");
    expect(again).toMatchObject({ agencyId: "blora-dinkes", step: 0 });
  });

  it("progress is for the national admin only", async () => {
    const { ports } = setup(0);
    expect((await domainRejectionOf(getAgencyReindex(ports, blora, "blora-dinkes"))).kind).toBe("forbidden");
    expect((await domainRejectionOf(getAgencyReindex(ports, national, "blora-dinkes"))).code).toBe(
      "reindex_job_not_found",
    );
  });
});
