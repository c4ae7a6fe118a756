/**
 * Confidential means need-to-know (PRODUCT.md §2), tried as an attacker would: every staff member
 * of every agency and role asks for a confidential report after a random history of dispatches and
 * returns, and only the national admin, the holder and the agencies that dispatched it down to the
 * holder (and never a supervisor) may read it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StaffPrincipal } from "../../../functions/domain/access";
import { STAFF_ROLES } from "../../../functions/domain/constants";
import { Directory } from "../../../functions/domain/directory";
import { createReport, type Report } from "../../../functions/domain/report";
import { archive, dispatch, returnToDispatcher, verify } from "../../../functions/domain/staff-actions";
import { trackingIdFromRandom } from "../../../functions/domain/tracking-id";
import { archiveReport } from "../../../functions/use-cases/archive-report";
import { getReport } from "../../../functions/use-cases/get-report";
import { getStaffReport } from "../../../functions/use-cases/get-staff-report";
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
import { national } from "../../fixtures/journey";

const directory = new Directory(demoDirectoryData);
const now = new Date("2026-11-23T03:00:00Z");
const ctx = { now, directory, rules: testRules };
const admin = (agencyId: string): StaffPrincipal => ({
  userId: `a-${agencyId}`,
  role: "agency_admin",
  agencyId,
});
const id = (seed: number) => trackingIdFromRandom(Array.from({ length: 9 }, (_, i) => (seed * 5 + i) % 29));
const children = (id: string) =>
  directory
    .listAgencies()
    .filter((a) => a.parentId === id)
    .map((a) => a.id);

/** A random walk: verify to an agency, then dispatch down or return, step by step. */
const history = fc.array(fc.tuple(fc.boolean(), fc.nat()), { maxLength: 6 });

function play(steps: readonly [boolean, number][], confidential: boolean) {
  let { report } = createReport(
    { ...validReport, confidential },
    { trackingId: id(1), accessTokenHash: "00", now, directory, rules: testRules },
  );
  report = verify(report, national, {}, ctx).report;
  const holders: string[] = []; // the model's own record of who dispatched it down
  for (const [down, pick] of steps) {
    const options = children(report.assignedAgencyId);
    const holder = report.assignedAgencyId;
    if (down && options.length > 0) {
      const target = options[pick % options.length] as string;
      const by = holder === "nasional" ? national : admin(holder);
      report = dispatch(report, by, { agencyId: target }, ctx).report;
      holders.push(holder);
    } else if (!down && holders.length > 0) {
      report = returnToDispatcher(report, admin(holder), "bukan wewenang", ctx).report;
      holders.pop();
    }
  }
  return { report, allowed: new Set([...holders, report.assignedAgencyId]) };
}

function portsWith(...reports: Report[]) {
  const memory = new MemoryReports();
  for (const r of reports) memory.reports.set(r.trackingId, { report: r, timeline: [], followUps: [] });
  return {
    reports: memory,
    directory: new MemoryDirectory(),
    clock: new FixedClock(now),
    rules: testRules,
    figures: new MemoryFigures(),
  };
}

describe("confidential reports", () => {
  it("are read only by the national admin, the holder and its dispatch chain, never a supervisor (property)", async () => {
    const principals = directory
      .listAgencies()
      .flatMap((agency) => STAFF_ROLES.map((role) => ({ userId: "x", role, agencyId: agency.id })));
    await fc.assert(
      fc.asyncProperty(history, async (steps) => {
        const { report, allowed } = play(steps, true);
        const ports = portsWith(report);
        for (const principal of principals) {
          const may =
            principal.role === "national_admin" ||
            (principal.role !== "supervisor" && allowed.has(principal.agencyId));
          const read = await getStaffReport(ports, principal, report.trackingId).then(
            (view) => view.title,
            () => undefined,
          );
          expect(read !== undefined, `${principal.role}@${principal.agencyId}`).toBe(may);
          const inbox = await listInbox(ports, principal, {}).catch(() => ({ reports: [] }));
          const listed = inbox.reports.some((r) => r.trackingId === report.trackingId);
          if (!may) expect(listed, `${principal.role}@${principal.agencyId} inbox`).toBe(false);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("an agency that returned a confidential report loses access; a non-confidential one stays in scope rules", async () => {
    const { report } = play([[true, 1]], true); // nasional → prov-jateng (index 1 of its children)
    expect(report.assignedAgencyId).toBe("prov-jateng");
    const returned = returnToDispatcher(report, admin("prov-jateng"), "bukan wewenang", ctx).report;
    const error = await domainRejectionOf(
      getStaffReport(portsWith(returned), admin("prov-jateng"), returned.trackingId),
    );
    expect(error.code).toBe("report_not_found");
  });

  it("escalations of a confidential report go only to agencies that may read it", async () => {
    const { escalationTargets } = await import("../../../functions/domain/escalation");
    let { report } = createReport(
      { ...validReport, confidential: true },
      { trackingId: id(1), accessTokenHash: "00", now, directory, rules: testRules },
    );
    report = verify(report, national, { dispatchTo: "kab-blora" }, ctx).report;
    report = dispatch(report, admin("kab-blora"), { agencyId: "blora-dinkes" }, ctx).report;
    // Level 2 would alert Blora's parent, Central Java, which is not in the chain: the root hears instead.
    expect(escalationTargets(report, { clock: "firstFollowUp", level: 2 }, directory)).toEqual(["nasional"]);
    const open = { ...report, confidential: false };
    expect(escalationTargets(open, { clock: "firstFollowUp", level: 2 }, directory)).toEqual(["prov-jateng"]);
  });

  it("are never named publicly as the original of a duplicate", async () => {
    let { report: secret } = createReport(
      { ...validReport, confidential: true },
      { trackingId: id(2), accessTokenHash: "00", now, directory, rules: testRules },
    );
    secret = verify(secret, national, {}, ctx).report;
    let { report: copy } = createReport(validReport, {
      trackingId: id(3),
      accessTokenHash: "00",
      now,
      directory,
      rules: testRules,
    });
    const change = archive(copy, national, { reason: "duplicate", duplicateOf: secret.trackingId }, ctx);
    copy = change.report;
    const ports = portsWith(secret, copy);
    ports.reports.reports.set(copy.trackingId, { report: copy, timeline: [change.event], followUps: [] });
    const view = await getReport(ports, { trackingId: copy.trackingId });
    expect(view.archiveReason).toBe("duplicate");
    expect(JSON.stringify(view)).not.toContain(secret.trackingId);
    // A public original is named.
    ports.reports.reports.set(secret.trackingId, {
      report: { ...secret, confidential: false },
      timeline: [],
      followUps: [],
    });
    expect((await getReport(ports, { trackingId: copy.trackingId })).duplicateOf).toBe(secret.trackingId);
  });

  it("cannot be probed through archive's duplicateOf by staff without need-to-know", async () => {
    const { report } = play([[true, 1]], true); // with prov-jateng
    const medan = admin("kota-medan");
    const { report: medanReport } = createReport(
      { ...validReport, agencyId: "kota-medan" },
      { trackingId: id(4), accessTokenHash: "00", now, directory, rules: testRules },
    );
    const ports = portsWith(report, medanReport);
    const archiveAsDuplicateOf = (original: string) =>
      domainRejectionOf(
        archiveReport(ports, medan, medanReport.trackingId, { reason: "duplicate", duplicateOf: original }),
      );
    const probe = await archiveAsDuplicateOf(report.trackingId);
    const missing = await archiveAsDuplicateOf(id(5));
    // A confidential report elsewhere answers exactly like one that does not exist.
    expect(probe.code).toBe(missing.code);
    expect(probe.details.map((d) => d.field)).toEqual(["duplicateOf"]);
    expect(probe.message).toBe(missing.message);
  });
});
