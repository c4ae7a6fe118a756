import { describe, expect, it } from "vitest";
import type { StaffPrincipal } from "../../../functions/domain/access";
import { STAFF_ROLES } from "../../../functions/domain/constants";
import { Directory } from "../../../functions/domain/directory";
import { publishDraft, writeFollowUp } from "../../../functions/domain/follow-ups";
import { createReport, type FollowUp, REPORT_STATUSES, type Report } from "../../../functions/domain/report";
import { answerResolution, reporterMessage } from "../../../functions/domain/reporter-actions";
import { archive, dispatch, hold, returnToDispatcher, verify } from "../../../functions/domain/staff-actions";
import {
  assertAllowed,
  STAFF_ACTIONS,
  staffActionsFor,
  TRANSITIONS,
} from "../../../functions/domain/transitions";
import { domainErrorOf } from "../../fixtures/errors";
import { demoDirectoryData, testRules, validReport } from "../../fixtures/in-memory";

const directory = new Directory(demoDirectoryData);
let clock = Date.parse("2026-11-23T03:00:00Z");
const ctx = () => {
  clock += 60_000;
  return { now: new Date(clock), directory, rules: testRules };
};

const staff = (role: StaffPrincipal["role"], agencyId: string): StaffPrincipal => ({
  userId: `u-${role}`,
  role,
  agencyId,
});
const national = staff("national_admin", "nasional");
const bloraAdmin = staff("agency_admin", "kab-blora");
const dinkesUnit = staff("unit_admin", "blora-dinkes");
const dinkesLiaison = staff("liaison_officer", "blora-dinkes");
const supervisor = staff("supervisor", "prov-jateng");

function submitted(overrides: Record<string, unknown> = {}): Report {
  return createReport(
    { ...validReport, ...overrides },
    {
      trackingId: "22222-22222",
      accessTokenHash: "00",
      now: new Date(clock),
      directory,
      rules: testRules,
    },
  ).report;
}

function followUpOf(change: { followUp?: FollowUp }): FollowUp {
  if (!change.followUp) throw new Error("expected a follow-up in the change");
  return change.followUp;
}

describe("the transition table", () => {
  it("only names real statuses and never leaves a closed report", () => {
    for (const rule of Object.values(TRANSITIONS)) {
      for (const from of rule.from) expect(REPORT_STATUSES).toContain(from);
      // Only what keeps the status (an attachment's check or publication) applies to a closed report.
      if (rule.from.includes("resolved") || rule.from.includes("archived")) expect(rule.to).toBe("unchanged");
    }
  });
});

describe("verify and dispatch", () => {
  it("verify with dispatchTo routes the report down with its ancestry, chain and clock", () => {
    const { report, event } = verify(submitted(), national, { dispatchTo: "kab-blora" }, ctx());
    expect(report).toMatchObject({
      status: "dispatched",
      assignedAgencyId: "kab-blora",
      agencyPath: ["nasional", "prov-jateng", "kab-blora"],
      dispatchChain: ["nasional"],
      version: 2,
    });
    expect(report.verifiedAt).toBeDefined();
    expect(report.dispatchedAt).toBe(report.verifiedAt);
    expect(event).toMatchObject({ seq: 2, type: "verified", status: "dispatched", agencyId: "kab-blora" });
  });

  it("verify may correct kind and category and make privacy stricter, never looser", () => {
    const { report } = verify(
      submitted(),
      national,
      { kind: "aspiration", category: "health.hospital-service", confidential: true },
      ctx(),
    );
    expect(report).toMatchObject({
      kind: "aspiration",
      category: "health.hospital-service",
      confidential: true,
    });
    const looser = domainErrorOf(() =>
      verify(submitted({ anonymous: true }), national, { anonymous: false }, ctx()),
    );
    expect(looser.details[0]?.field).toBe("anonymous");
  });

  it("an agency admin dispatches to its own unit but not sideways or upwards", () => {
    const atBlora = verify(submitted(), national, { dispatchTo: "kab-blora" }, ctx()).report;
    const toUnit = dispatch(atBlora, bloraAdmin, { agencyId: "blora-dinkes" }, ctx()).report;
    expect(toUnit).toMatchObject({
      assignedAgencyId: "blora-dinkes",
      dispatchChain: ["nasional", "kab-blora"],
    });
    expect(domainErrorOf(() => dispatch(atBlora, bloraAdmin, { agencyId: "medan-dinkes" }, ctx())).kind).toBe(
      "not_found",
    );
    expect(domainErrorOf(() => dispatch(atBlora, bloraAdmin, { agencyId: "kab-blora" }, ctx())).kind).toBe(
      "conflict",
    );
    // Dispatched a moment ago by someone else: a sibling unit is no longer below it (409, not 400).
    expect(
      domainErrorOf(() => dispatch(toUnit, bloraAdmin, { agencyId: "blora-dpupr" }, ctx())),
    ).toMatchObject({
      kind: "conflict",
      code: "invalid_transition",
    });
  });

  it("refuses the wrong role with 403 and the wrong status with 409 naming the status", () => {
    expect(domainErrorOf(() => verify(submitted(), dinkesUnit, {}, ctx())).kind).toBe("forbidden");
    expect(domainErrorOf(() => verify(submitted(), supervisor, {}, ctx())).kind).toBe("forbidden");
    const dispatched = verify(submitted(), national, {}, ctx()).report;
    const again = domainErrorOf(() => verify(dispatched, national, {}, ctx()));
    expect(again).toMatchObject({ kind: "conflict", code: "invalid_transition" });
    expect(again.details[0]?.message.en).toContain("dispatched");
  });
});

describe("return (bukan wewenang)", () => {
  it("goes back to whoever dispatched it, with the reason public", () => {
    const atBlora = verify(submitted(), national, { dispatchTo: "kab-blora" }, ctx()).report;
    const atUnit = dispatch(atBlora, bloraAdmin, { agencyId: "blora-dpupr" }, ctx()).report;
    const back = returnToDispatcher(
      atUnit,
      staff("unit_admin", "blora-dpupr"),
      "Jalan provinsi, bukan kabupaten",
      ctx(),
    );
    expect(back.report).toMatchObject({ assignedAgencyId: "kab-blora", dispatchChain: ["nasional"] });
    expect(back.event).toMatchObject({
      type: "returned",
      note: "Jalan provinsi, bukan kabupaten",
      visibility: "public",
    });
  });

  it("a report addressed directly to an agency goes to the national admin; only the holder may return", () => {
    const direct = submitted({ agencyId: "kab-blora" });
    expect(returnToDispatcher(direct, bloraAdmin, "Bukan wewenang", ctx()).report.assignedAgencyId).toBe(
      "nasional",
    );
    expect(
      domainErrorOf(() => returnToDispatcher(direct, staff("agency_admin", "prov-jateng"), "x", ctx())).kind,
    ).toBe("forbidden");
    expect(
      domainErrorOf(() => returnToDispatcher(submitted(), staff("agency_admin", "nasional"), "x", ctx()))
        .kind,
    ).toBe("conflict");
  });
});

describe("hold, messages and archive", () => {
  it("hold → the reporter supplies information → submitted again", () => {
    const held = hold(submitted(), national, "Mohon sertakan nama desa", ctx());
    expect(held.report.status).toBe("on_hold");
    expect(held.event).toMatchObject({ note: "Mohon sertakan nama desa", noteVisibility: "reporter" });
    const supplied = reporterMessage(held.report, "Desa Sambongrejo", ctx());
    expect(supplied.report.status).toBe("submitted");
    expect(supplied.event).toMatchObject({ type: "information_supplied", visibility: "reporter" });
  });

  it("archive as duplicate needs the original, and only a duplicate names one", () => {
    expect(
      archive(submitted(), national, { reason: "duplicate", duplicateOf: "33333-33333" }, ctx()).report,
    ).toMatchObject({
      status: "archived",
      archiveReason: "duplicate",
      duplicateOf: "33333-33333",
    });
    expect(domainErrorOf(() => archive(submitted(), national, { reason: "duplicate" }, ctx())).kind).toBe(
      "invalid",
    );
    expect(
      domainErrorOf(() =>
        archive(submitted(), national, { reason: "spam", duplicateOf: "33333-33333" }, ctx()),
      ).kind,
    ).toBe("invalid");
    const closed = archive(submitted(), national, { reason: "spam" }, ctx()).report;
    expect(domainErrorOf(() => reporterMessage(closed, "halo", ctx())).code).toBe("invalid_transition");
  });
});

describe("follow-ups and feedback", () => {
  const atUnit = () => {
    const atBlora = verify(submitted(), national, { dispatchTo: "kab-blora" }, ctx()).report;
    return dispatch(atBlora, bloraAdmin, { agencyId: "blora-dinkes" }, ctx()).report;
  };

  it("a unit admin drafts (staff-only, no status change); a liaison officer publishes (in_progress)", () => {
    const draft = writeFollowUp(
      atUnit(),
      dinkesUnit,
      { id: "f1", message: "Sedang dicek", final: false },
      ctx(),
    );
    expect(draft.report.status).toBe("dispatched");
    expect(draft.followUp).toMatchObject({ status: "draft" });
    expect(draft.event.visibility).toBe("staff");
    const published = publishDraft(draft.report, dinkesLiaison, followUpOf(draft), ctx());
    expect(published.report.status).toBe("in_progress");
    expect(published.report.firstFollowUpAt).toBeDefined();
    expect(published.publishesDraft).toBe(true);
    expect(
      domainErrorOf(() => publishDraft(published.report, dinkesLiaison, followUpOf(published), ctx())).code,
    ).toBe("invalid_transition");
  });

  it("a unit admin cannot publish, a supervisor cannot write", () => {
    const draft = writeFollowUp(atUnit(), dinkesUnit, { id: "f1", message: "x", final: false }, ctx());
    expect(domainErrorOf(() => publishDraft(draft.report, dinkesUnit, followUpOf(draft), ctx())).kind).toBe(
      "forbidden",
    );
    expect(
      domainErrorOf(() =>
        writeFollowUp(atUnit(), supervisor, { id: "f2", message: "x", final: false }, ctx()),
      ).kind,
    ).toBe("forbidden");
  });

  it("a final follow-up proposes resolution; reject reopens, accept resolves with a rating", () => {
    const proposed = writeFollowUp(
      atUnit(),
      dinkesLiaison,
      { id: "f1", message: "Sudah diperbaiki", final: true },
      ctx(),
    );
    expect(proposed.report.resolutionProposedAt).toBeDefined();
    expect(domainErrorOf(() => answerResolution(atUnit(), { accepted: true, rating: 5 }, ctx())).code).toBe(
      "invalid_transition",
    );

    const reopened = answerResolution(
      proposed.report,
      { accepted: false, comment: "Belum diperbaiki" },
      ctx(),
    );
    expect(reopened.report).toMatchObject({ status: "in_progress", reopenCount: 1 });
    expect(reopened.report.resolutionProposedAt).toBeUndefined();
    expect(reopened.event.type).toBe("reopened");

    const again = writeFollowUp(
      reopened.report,
      dinkesLiaison,
      { id: "f2", message: "Selesai", final: true },
      ctx(),
    );
    const resolved = answerResolution(
      again.report,
      { accepted: true, rating: 4, comment: "Terima kasih" },
      ctx(),
    );
    expect(resolved.report).toMatchObject({ status: "resolved", rating: 4 });
    expect(resolved.event).toMatchObject({ type: "resolved", rating: 4 });
  });
});

describe("the actions a console offers (staffActionsFor)", () => {
  it("are exactly the staff actions the transition table lets a role take in a status", () => {
    for (const status of REPORT_STATUSES)
      for (const role of STAFF_ROLES) {
        const offered = staffActionsFor(status, role);
        for (const action of STAFF_ACTIONS) {
          const report = { ...submitted(), status };
          const allowed = (() => {
            try {
              assertAllowed(report, action, role);
              return true;
            } catch {
              return false;
            }
          })();
          expect(offered.includes(action), `${role} ${action} in ${status}`).toBe(allowed);
        }
      }
  });

  it("offers a supervisor nothing, and each role its own part of the work", () => {
    for (const status of REPORT_STATUSES) expect(staffActionsFor(status, "supervisor")).toEqual([]);
    expect(staffActionsFor("submitted", "agency_admin")).toEqual(["verify", "hold", "archive", "return"]);
    expect(staffActionsFor("dispatched", "unit_admin")).toEqual(["return", "draft_follow_up"]);
    expect(staffActionsFor("in_progress", "liaison_officer")).toEqual([
      "publish_follow_up",
      "publish_attachment",
    ]);
    expect(staffActionsFor("resolved", "agency_admin")).toEqual(["publish_attachment"]);
    expect(staffActionsFor("resolved", "national_admin")).toEqual([]);
  });
});
