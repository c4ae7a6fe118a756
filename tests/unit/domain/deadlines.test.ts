import { describe, expect, it } from "vitest";
import { buildCaseFile, renderCaseFileHtml } from "../../../functions/domain/case-file";
import { scheduleOf } from "../../../functions/domain/deadlines";
import { Directory } from "../../../functions/domain/directory";
import { DomainError } from "../../../functions/domain/errors";
import { applyDueAction } from "../../../functions/domain/escalation";
import { writeFollowUp } from "../../../functions/domain/follow-ups";
import { createReport, type Report } from "../../../functions/domain/report";
import { recordOmbudsmanForwarding, reporterMessage } from "../../../functions/domain/reporter-actions";
import { dispatch, hold, verify } from "../../../functions/domain/staff-actions";
import { demoDirectoryData, testRules, validReport } from "../../fixtures/in-memory";

const directory = new Directory(demoDirectoryData);
const at = (iso: string) => ({ now: new Date(iso), directory, rules: testRules });
const national = { userId: "n", role: "national_admin" as const, agencyId: "nasional" };
const bloraAdmin = { userId: "b", role: "agency_admin" as const, agencyId: "kab-blora" };
const liaison = { userId: "l", role: "liaison_officer" as const, agencyId: "blora-dinkes" };

function submittedAt(iso: string): Report {
  return createReport(
    { ...validReport, occurredOn: undefined },
    { trackingId: "22222-22222", accessTokenHash: "00", now: new Date(iso), directory, rules: testRules },
  ).report;
}

/** Applies a due action at `iso`, failing the test if nothing was due. */
function apply(report: Report, action: string, iso: string) {
  const [clock, level] = action.split(":");
  const result = applyDueAction(report, { clock: clock as "verification", level: Number(level) }, at(iso));
  if (!result) throw new Error(`${action} was not due at ${iso}`);
  return result;
}

describe("the verification clock", () => {
  // Fri 13 March 2026, 10:00 WIB. Nyepi (19 Mar), its cuti bersama (18 Mar) and the Idul Fitri
  // cuti bersama (20, 23, 24 Mar) and the weekends are skipped: 3 working days end Wed 25 Mar.
  const report = submittedAt("2026-03-13T03:00:00Z");

  it("runs from submission in working days, across holidays and cuti bersama", () => {
    expect(report.deadlines).toEqual({ verification: "2026-03-25T16:59:59.999Z" });
    expect(report.nextDue).toMatchObject({ clock: "verification", level: 1, at: "2026-03-25T16:59:59.999Z" });
    expect(report.overdueAt).toBe("2026-03-25T16:59:59.999Z");
  });

  it("escalates to the national admin once, and only when due", () => {
    expect(
      applyDueAction(report, { clock: "verification", level: 1 }, at("2026-03-25T16:00:00Z")),
    ).toBeUndefined();
    const { change, targets } = apply(report, "verification:1", "2026-03-26T01:00:00Z");
    expect(targets).toEqual(["nasional"]);
    expect(change.event).toMatchObject({
      type: "escalated",
      clock: "verification",
      level: 1,
      visibility: "public",
    });
    expect(change.report.nextDue).toBeUndefined();
    expect(
      applyDueAction(change.report, { clock: "verification", level: 1 }, at("2026-03-27T01:00:00Z")),
    ).toBeUndefined();
  });

  it("pauses while on hold and resumes with the working days left", () => {
    const held = hold(
      submittedAt("2026-11-23T03:00:00Z"),
      national,
      "Lengkapi alamat",
      at("2026-11-23T04:00:00Z"),
    ).report;
    expect(held.deadlines).toEqual({ holdExpiry: expect.any(String) });
    // Mon 23 Nov submitted (due end of Thu 26 Nov); held the same day, resumed Fri 27 Nov.
    const resumed = reporterMessage(held, "Desa Sambongrejo RT 02", at("2026-11-27T02:00:00Z")).report;
    expect(resumed.status).toBe("submitted");
    expect(resumed.deadlines?.verification).toBe("2026-12-02T16:59:59.999Z");
  });

  it("archives as withdrawn when the hold expires (30 days)", () => {
    const held = hold(
      submittedAt("2026-11-23T03:00:00Z"),
      national,
      "Lengkapi alamat",
      at("2026-11-23T04:00:00Z"),
    ).report;
    expect(held.deadlines?.holdExpiry).toBe("2026-12-23T16:59:59.999Z");
    const { change } = apply(held, "holdExpiry:1", "2026-12-24T00:00:00Z");
    expect(change.report).toMatchObject({ status: "archived", archiveReason: "withdrawn" });
    expect(change.report.deadlines).toEqual({});
  });
});

describe("the first follow-up clock", () => {
  const atUnit = () => {
    const verified = verify(
      submittedAt("2026-11-23T03:00:00Z"),
      national,
      { dispatchTo: "kab-blora" },
      at("2026-11-23T05:00:00Z"),
    );
    return dispatch(verified.report, bloraAdmin, { agencyId: "blora-dinkes" }, at("2026-11-24T03:00:00Z"))
      .report;
  };

  it("escalates level by level: the unit and its agency, then the parent agency, then the national admin", () => {
    const report = atUnit();
    // Dispatched Tue 24 Nov: 5 working days end Tue 1 Dec; grace 2 working days → Thu 3 Dec, Mon 7 Dec.
    expect(report.deadlines?.firstFollowUp).toBe("2026-12-01T16:59:59.999Z");
    const l1 = apply(report, "firstFollowUp:1", "2026-12-02T01:00:00Z");
    expect(l1.targets).toEqual(["blora-dinkes", "kab-blora"]);
    expect(l1.change.report.nextDue).toMatchObject({
      clock: "firstFollowUp",
      level: 2,
      at: "2026-12-03T16:59:59.999Z",
    });
    expect(
      applyDueAction(l1.change.report, { clock: "firstFollowUp", level: 2 }, at("2026-12-03T01:00:00Z")),
    ).toBeUndefined();
    const l2 = apply(l1.change.report, "firstFollowUp:2", "2026-12-04T01:00:00Z");
    expect(l2.targets).toEqual(["prov-jateng"]);
    const l3 = apply(l2.change.report, "firstFollowUp:3", "2026-12-08T01:00:00Z");
    expect(l3.targets).toEqual(["nasional"]);
    expect(l3.change.report.escalations?.map((e) => `${e.clock}:${e.level}`)).toEqual([
      "firstFollowUp:1",
      "firstFollowUp:2",
      "firstFollowUp:3",
    ]);
    expect(l3.change.report.nextDue?.clock).toBe("resolution");
  });

  it("stops once a follow-up is published, and restarts with fresh levels on re-dispatch", () => {
    const report = atUnit();
    const answered = writeFollowUp(
      report,
      liaison,
      { id: "f1", message: "Dicek", final: false },
      at("2026-11-25T03:00:00Z"),
    );
    expect(answered.report.deadlines?.firstFollowUp).toBeUndefined();
    const l1 = apply(report, "firstFollowUp:1", "2026-12-02T01:00:00Z").change.report;
    const moved = dispatch(
      { ...l1, assignedAgencyId: "kab-blora", agencyPath: ["nasional", "prov-jateng", "kab-blora"] },
      bloraAdmin,
      { agencyId: "blora-dpupr" },
      at("2026-12-02T02:00:00Z"),
    ).report;
    expect(moved.nextDue).toMatchObject({
      clock: "firstFollowUp",
      level: 1,
      anchor: "2026-12-02T02:00:00.000Z",
    });
  });
});

describe("auto-resolution and the Ombudsman path", () => {
  const proposed = () => {
    const verified = verify(
      submittedAt("2026-11-23T03:00:00Z"),
      national,
      { dispatchTo: "kab-blora" },
      at("2026-11-23T05:00:00Z"),
    );
    return writeFollowUp(
      verified.report,
      bloraAdmin,
      { id: "f1", message: "Sudah diperbaiki", final: true },
      at("2026-11-24T03:00:00Z"),
    );
  };

  it("resolves automatically 10 working days after a final follow-up without reply", () => {
    const { report } = proposed();
    // Published Tue 24 Nov: 10 working days (no holiday in between) end Tue 8 Dec.
    expect(report.deadlines?.autoResolve).toBe("2026-12-08T16:59:59.999Z");
    const { change } = apply(report, "autoResolve:1", "2026-12-09T00:00:00Z");
    expect(change.report).toMatchObject({ status: "resolved" });
    expect(change.event.type).toBe("auto_resolved");
  });

  it("marks an unresolved report Ombudsman-eligible after 60 days; the reporter forwards it once", () => {
    const verified = verify(
      submittedAt("2026-11-23T03:00:00Z"),
      national,
      { dispatchTo: "kab-blora" },
      at("2026-11-23T05:00:00Z"),
    ).report;
    expect(verified.deadlines?.resolution).toBe("2027-01-22T16:59:59.999Z");
    expect(() => recordOmbudsmanForwarding(verified, at("2027-01-01T00:00:00Z"))).toThrow(DomainError);
    let report = verified;
    for (const [action, when] of [
      ["firstFollowUp:1", "2026-12-01T00:00:00Z"],
      ["firstFollowUp:2", "2026-12-04T00:00:00Z"],
      ["firstFollowUp:3", "2026-12-08T00:00:00Z"],
      ["resolution:1", "2027-01-23T00:00:00Z"],
    ] as const) {
      report = apply(report, action, when).change.report;
    }
    expect(report.ombudsmanEligibleAt).toBe("2027-01-23T00:00:00.000Z");
    const forwarded = recordOmbudsmanForwarding(report, at("2027-01-24T00:00:00Z"));
    expect(forwarded.event.type).toBe("ombudsman_forwarded");
    expect(() => recordOmbudsmanForwarding(forwarded.report, at("2027-01-25T00:00:00Z"))).toThrow(/already/);

    const file = buildCaseFile(
      forwarded.report,
      [],
      [],
      directory,
      testRules,
      new Date("2027-01-25T00:00:00Z"),
    );
    expect(file.deadlines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ clock: "verification", outcome: "met" }),
        expect.objectContaining({ clock: "firstFollowUp", outcome: "missed" }),
        expect.objectContaining({ clock: "resolution", outcome: "missed" }),
      ]),
    );
    const html = renderCaseFileHtml({ ...file, title: "<script>alert(1)</script>" }, testRules.calendar);
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("2027-01-23 07:00 WIB"); // times in local time, not UTC
  });
});

describe("scheduleOf", () => {
  it("runs no clock on a closed report", () => {
    const report = { ...submittedAt("2026-11-23T03:00:00Z"), status: "resolved" as const };
    expect(scheduleOf(report, testRules)).toEqual({ deadlines: {}, pending: [] });
  });
});
