import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StaffPrincipal } from "../../../functions/domain/access";
import { Directory } from "../../../functions/domain/directory";
import { createReport, type Report } from "../../../functions/domain/report";
import { dispatch, verify } from "../../../functions/domain/staff-actions";
import { listInbox } from "../../../functions/use-cases/list-inbox";
import { domainRejectionOf } from "../../fixtures/errors";
import {
  demoDirectoryData,
  FixedClock,
  MemoryDirectory,
  MemoryFigures,
  MemoryReports,
  testRules,
  validReport,
} from "../../fixtures/in-memory";
import {
  bloraAdmin as blora,
  dinkesUnit as dinkes,
  jatengAdmin as jateng,
  national,
  jatengSupervisor as supervisor,
} from "../../fixtures/journey";

const directory = new Directory(demoDirectoryData);
const start = new Date("2026-11-02T03:00:00Z");

function idFor(n: number): string {
  const alphabet = "23456789ABCDEFGHJKMNPQRSTVWXY";
  const digits = [...String(n).padStart(9, "0")].map((d) => alphabet[Number(d)] ?? "2");
  return `${digits.slice(0, 5).join("")}-${digits.slice(5).join("")}X`;
}

/** A report filed `minutes` after start, then (optionally) verified to Blora and dispatched to its health office. */
function report(minutes: number, route: "submitted" | "blora" | "dinkes", confidential = false): Report {
  const now = new Date(start.getTime() + minutes * 60_000);
  const ctx = { now, directory, rules: testRules };
  let { report: r } = createReport(
    { ...validReport, confidential },
    { trackingId: idFor(minutes), accessTokenHash: "00", now, directory, rules: testRules },
  );
  if (route !== "submitted") r = verify(r, national, { dispatchTo: "kab-blora" }, ctx).report;
  if (route === "dinkes") r = dispatch(r, blora, { agencyId: "blora-dinkes" }, ctx).report;
  return r;
}

function ports(reports: readonly Report[], clock = new FixedClock(new Date("2026-11-03T00:00:00Z"))) {
  const memory = new MemoryReports();
  for (const r of reports) memory.reports.set(r.trackingId, { report: r, timeline: [], followUps: [] });
  return { reports: memory, directory: new MemoryDirectory(), clock, figures: new MemoryFigures() };
}

async function all(
  p: ReturnType<typeof ports>,
  principal: StaffPrincipal,
  input: Parameters<typeof listInbox>[2],
) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await listInbox(p, principal, { ...input, ...(cursor && { cursor }) });
    seen.push(...page.reports.map((r) => r.trackingId));
    cursor = page.cursor;
    if (!cursor) return seen;
  }
  throw new Error("no end of pages");
}

describe("listInbox", () => {
  it("with no status lists every open report of the subtree, newest first", async () => {
    const reports = [report(1, "submitted"), report(2, "blora"), report(3, "dinkes")];
    const page = await listInbox(ports(reports), national, {});
    expect(page.reports.map((r) => r.trackingId)).toEqual([idFor(3), idFor(2), idFor(1)]);
    const bloraPage = await listInbox(ports(reports), blora, {});
    expect(bloraPage.reports.map((r) => r.trackingId)).toEqual([idFor(3), idFor(2)]);
  });

  it("pages across several statuses without losing or repeating a report (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom<"submitted" | "blora" | "dinkes">("submitted", "blora", "dinkes"), {
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 7 }),
        async (routes, limit) => {
          const reports = routes.map((route, i) => report(i + 1, route));
          const seen = await all(ports(reports), national, { limit, statuses: ["submitted", "dispatched"] });
          const expected = [...reports]
            .sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
            .map((r) => r.trackingId);
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("overdue=true works on its own, over every open status", async () => {
    const reports = [report(1, "submitted"), report(2, "blora")];
    const late = new FixedClock(new Date("2026-12-20T00:00:00Z"));
    const page = await listInbox(ports(reports, late), national, { overdue: true });
    expect(page.reports).toHaveLength(2);
    const early = await listInbox(ports(reports), national, { overdue: true });
    expect(early.reports).toHaveLength(0);
  });

  it("refuses a cursor handed out for other statuses", async () => {
    const reports = Array.from({ length: 5 }, (_, i) => report(i + 1, "submitted"));
    const p = ports(reports);
    const first = await listInbox(p, national, { limit: 2, statuses: ["submitted"] });
    const error = await domainRejectionOf(
      listInbox(p, national, { cursor: first.cursor, statuses: ["dispatched"] }),
    );
    expect(error.code).toBe("invalid_cursor");
  });

  it("confidential reports appear only to the holder, its dispatch chain and the national admin", async () => {
    const secret = report(1, "dinkes", true);
    const p = ports([secret, report(2, "dinkes")]);
    const ids = async (who: StaffPrincipal) => (await listInbox(p, who, {})).reports.map((r) => r.trackingId);
    expect(await ids(national)).toContain(secret.trackingId);
    expect(await ids(blora)).toContain(secret.trackingId);
    expect(await ids(dinkes)).toContain(secret.trackingId);
    expect(await ids(jateng)).not.toContain(secret.trackingId);
    expect(await ids(supervisor)).not.toContain(secret.trackingId);
    expect(await ids(jateng)).toContain(idFor(2));
  });

  it("follows the directory as it is now, not the report's stored ancestry", async () => {
    const r = report(1, "dinkes");
    const p = ports([r]);
    // Blora's health office moves to Kota Medan: Blora's stale index still holds the report.
    await p.directory.putAgency(
      { id: "blora-dinkes", name: "Dinkes", level: "unit", parentId: "kota-medan" },
      "update",
    );
    expect((await listInbox(p, blora, {})).reports).toHaveLength(0);
    expect((await listInbox(p, jateng, {})).reports).toHaveLength(0);
  });
});
