import { describe, expect, it } from "vitest";
import { Directory } from "../../../functions/domain/directory";
import { writeFollowUp } from "../../../functions/domain/follow-ups";
import { createReport, type TimelineEvent } from "../../../functions/domain/report";
import { viewReport } from "../../../functions/domain/report-views";
import { dispatch, hold, verify } from "../../../functions/domain/staff-actions";
import { demoDirectoryData, testRules, validReport } from "../../fixtures/in-memory";

const directory = new Directory(demoDirectoryData);
const ctx = { now: new Date("2026-11-23T04:00:00Z"), directory, rules: testRules };
const national = { userId: "user-national-7f3a", role: "national_admin" as const, agencyId: "nasional" };
const bloraAdmin = { userId: "user-blora-19c2", role: "agency_admin" as const, agencyId: "kab-blora" };
const unit = { userId: "user-dinkes-55e1", role: "unit_admin" as const, agencyId: "blora-dinkes" };

function history(anonymous: boolean) {
  const created = createReport(
    { ...validReport, anonymous },
    {
      trackingId: "22222-22222",
      accessTokenHash: "00",
      now: new Date("2026-11-23T03:00:00Z"),
      directory,
      rules: testRules,
    },
  );
  const events: TimelineEvent[] = [created.event];
  const v = verify(created.report, national, { dispatchTo: "kab-blora", note: "INTERNAL-VERIFY-NOTE" }, ctx);
  events.push(v.event);
  const d = dispatch(v.report, bloraAdmin, { agencyId: "blora-dinkes", note: "INTERNAL-DISPATCH-NOTE" }, ctx);
  events.push(d.event);
  const f = writeFollowUp(d.report, unit, { id: "f1", message: "DRAFT-TEXT", final: false }, ctx);
  events.push(f.event);
  return { report: f.report, events, followUps: f.followUp ? [f.followUp] : [] };
}

describe("report views", () => {
  it("public: no contact, no internal notes, no drafts, no staff identities", () => {
    const { report, events, followUps } = history(false);
    const text = JSON.stringify(viewReport(report, events, { kind: "public" }, directory, followUps));
    for (const secret of ["siti@example.org", "Siti Aminah", "INTERNAL-", "DRAFT-TEXT", "user-"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("reporter: own contact, but no staff-only notes or drafts", () => {
    const { report, events, followUps } = history(false);
    const view = viewReport(report, events, { kind: "reporter" }, directory, followUps);
    expect(view.reporter?.email).toBe("siti@example.org");
    const text = JSON.stringify(view);
    expect(text).not.toContain("INTERNAL-");
    expect(text).not.toContain("DRAFT-TEXT");
  });

  it("staff: everything, including drafts and notes, but never an anonymous reporter's contact", () => {
    const open = history(false);
    const staffView = viewReport(
      open.report,
      open.events,
      { kind: "staff", principal: unit },
      directory,
      open.followUps,
    );
    expect(staffView.reporter?.email).toBe("siti@example.org");
    expect(JSON.stringify(staffView)).toContain("INTERNAL-DISPATCH-NOTE");
    expect(staffView.followUps[0]).toMatchObject({ status: "draft", message: "DRAFT-TEXT" });

    const anon = history(true);
    const anonView = viewReport(
      anon.report,
      anon.events,
      { kind: "staff", principal: unit },
      directory,
      anon.followUps,
    );
    expect(anonView.reporter).toBeUndefined();
    expect(JSON.stringify(anonView)).not.toMatch(/siti@example\.org|Siti Aminah|812 3456/);
  });

  it("the hold question reaches the reporter but not the public", () => {
    const created = createReport(validReport, {
      trackingId: "22222-22222",
      accessTokenHash: "00",
      now: new Date("2026-11-23T03:00:00Z"),
      directory,
      rules: testRules,
    });
    const held = hold(created.report, national, "QUESTION-FOR-REPORTER", ctx);
    const events = [created.event, held.event];
    expect(JSON.stringify(viewReport(held.report, events, { kind: "public" }, directory))).not.toContain(
      "QUESTION",
    );
    expect(JSON.stringify(viewReport(held.report, events, { kind: "reporter" }, directory))).toContain(
      "QUESTION",
    );
  });
});
