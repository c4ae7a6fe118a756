import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WorkingCalendar } from "../../../functions/domain/calendar";
import { holidayDates, INDONESIA_HOLIDAYS_2026 } from "../../../functions/domain/holidays-id";
import {
  autoResolveDue,
  DEFAULT_SLA,
  escalationDue,
  firstFollowUpDue,
  holdExpiry,
  parseSlaOverrides,
  resolutionDue,
  resolveSlaPolicy,
  resumeAfterHold,
  type SlaOverrides,
  type SlaPolicy,
  SlaPolicyError,
  verificationDue,
} from "../../../functions/domain/sla";

const calendar = new WorkingCalendar({
  timeZone: "Asia/Jakarta",
  holidays: holidayDates(INDONESIA_HOLIDAYS_2026),
});
const at = (s: string): Date => new Date(s);
const day = (d: Date): string => calendar.localDate(d);

describe("resolveSlaPolicy", () => {
  const overrides: SlaOverrides = {
    byAgency: {
      "prov-jabar": { firstFollowUpWorkingDays: 7, resolutionDays: 45 },
      "kab-bogor": { firstFollowUpWorkingDays: 4 },
    },
    byCategory: { bencana: { verificationWorkingDays: 1, firstFollowUpWorkingDays: 2 } },
  };
  const bogorPath = ["kemendagri", "prov-jabar", "kab-bogor"];

  it("returns the base policy when nothing overrides it", () => {
    expect(resolveSlaPolicy(DEFAULT_SLA, {}, bogorPath, "jalan")).toEqual(DEFAULT_SLA);
  });

  it("takes each field from the nearest agency that sets it", () => {
    const policy = resolveSlaPolicy(DEFAULT_SLA, overrides, bogorPath, "jalan");

    expect(policy.firstFollowUpWorkingDays).toBe(4); // regency beats province
    expect(policy.resolutionDays).toBe(45); // inherited from the province
    expect(policy.verificationWorkingDays).toBe(3); // default
  });

  it("lets a category override beat every agency override", () => {
    const policy = resolveSlaPolicy(DEFAULT_SLA, overrides, bogorPath, "bencana");

    expect(policy.verificationWorkingDays).toBe(1);
    expect(policy.firstFollowUpWorkingDays).toBe(2);
    expect(policy.resolutionDays).toBe(45);
  });

  it("ignores overrides of agencies outside the path and inherited object keys", () => {
    const policy = resolveSlaPolicy(
      DEFAULT_SLA,
      overrides,
      ["kemendagri", "constructor", "toString"],
      "__proto__",
    );

    expect(policy).toEqual(DEFAULT_SLA);
  });

  it("names the override that produced an invalid value", () => {
    const bad: SlaOverrides = { byAgency: { "kab-bogor": { resolutionDays: 0 } } };

    expect(() => resolveSlaPolicy(DEFAULT_SLA, bad, bogorPath, undefined)).toThrowError(
      /byAgency\.kab-bogor\.resolutionDays: must be at least 1 day/,
    );
  });

  it("rejects a misspelt field in configured overrides, naming its path", () => {
    const attempt = () => parseSlaOverrides({ byCategory: { bencana: { verificationWorkingDay: 1 } } });

    expect(attempt).toThrowError(SlaPolicyError);
    expect(attempt).toThrowError(/byCategory\.bencana/);
    expect(parseSlaOverrides(overrides)).toEqual(overrides);
  });

  it("obeys category > nearest agency > base for every field", () => {
    const partial = fc.record(
      {
        verificationWorkingDays: fc.integer({ min: 1, max: 20 }),
        firstFollowUpWorkingDays: fc.integer({ min: 1, max: 20 }),
        resolutionDays: fc.integer({ min: 1, max: 90 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.array(fc.option(partial, { nil: undefined }), { maxLength: 4 }),
        fc.option(partial),
        (levels, category) => {
          const path = levels.map((_, i) => `agency-${i}`);
          const byAgency: Record<string, Partial<SlaPolicy>> = {};
          levels.forEach((level, i) => {
            if (level) byAgency[`agency-${i}`] = level;
          });
          const policy = resolveSlaPolicy(
            DEFAULT_SLA,
            { byAgency, byCategory: category ? { c: category } : {} },
            path,
            "c",
          );
          for (const field of [
            "verificationWorkingDays",
            "firstFollowUpWorkingDays",
            "resolutionDays",
          ] as const) {
            const nearest = [...levels].reverse().find((level) => level?.[field] !== undefined)?.[field];
            expect(policy[field]).toBe(category?.[field] ?? nearest ?? DEFAULT_SLA[field]);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("clocks", () => {
  it("computes each default deadline for a report filed before Nyepi and Idul Fitri 2026", () => {
    const submittedAt = at("2026-03-13T10:00:00+07:00"); // Friday
    const verifiedAt = at("2026-03-16T09:00:00+07:00");
    const dispatchedAt = at("2026-03-16T09:05:00+07:00");

    expect(verificationDue(submittedAt, DEFAULT_SLA, calendar).toISOString()).toBe(
      "2026-03-25T16:59:59.999Z",
    );
    // 17, 25, 26, 27, 30 March.
    const followUpDue = firstFollowUpDue(dispatchedAt, DEFAULT_SLA, calendar);
    expect(day(followUpDue)).toBe("2026-03-30");
    expect(day(escalationDue(followUpDue, DEFAULT_SLA, calendar))).toBe("2026-04-01");
    expect(day(resolutionDue(verifiedAt, DEFAULT_SLA, calendar))).toBe("2026-05-15");
    expect(day(holdExpiry(submittedAt, DEFAULT_SLA, calendar))).toBe("2026-04-12");
  });

  it("auto-resolves ten working days after a final follow-up, skipping Good Friday", () => {
    // From Mon 30 March: 31, 1, 2, [3 Good Friday], 6, 7, 8, 9, 10, 13, 14 April.
    expect(day(autoResolveDue(at("2026-03-30T15:00:00+07:00"), DEFAULT_SLA, calendar))).toBe("2026-04-14");
  });
});

describe("resumeAfterHold", () => {
  const submittedAt = at("2026-03-02T10:00:00+07:00"); // Monday
  const due = verificationDue(submittedAt, DEFAULT_SLA, calendar); // end of Thu 5 March

  it("leaves the deadline alone for a hold lifted the same day", () => {
    expect(
      resumeAfterHold(due, at("2026-03-03T09:00:00+07:00"), at("2026-03-03T16:00:00+07:00"), calendar),
    ).toEqual(due);
  });

  it("adds the working days after the hold day up to and including the resumption day", () => {
    // Held Tue 3 March, resumed Mon 9 March: Wed 4, Thu 5, Fri 6, Mon 9 = 4 working days.
    const after = resumeAfterHold(
      due,
      at("2026-03-03T09:00:00+07:00"),
      at("2026-03-09T08:00:00+07:00"),
      calendar,
    );

    expect(day(after)).toBe("2026-03-11");
    expect(after.toISOString()).toBe("2026-03-11T16:59:59.999Z");
  });

  it("does not charge a weekend hold", () => {
    const fridayDue = verificationDue(at("2026-03-04T10:00:00+07:00"), DEFAULT_SLA, calendar); // end of Mon 9
    const after = resumeAfterHold(
      fridayDue,
      at("2026-03-06T17:00:00+07:00"),
      at("2026-03-08T20:00:00+07:00"),
      calendar,
    );

    expect(after).toEqual(fridayDue);
  });

  it("does not revive a deadline that had passed when the hold began", () => {
    expect(
      resumeAfterHold(due, at("2026-03-06T09:00:00+07:00"), at("2026-03-20T09:00:00+07:00"), calendar),
    ).toEqual(due);
  });

  it("rejects a resumption before the hold", () => {
    expect(() =>
      resumeAfterHold(due, at("2026-03-04T09:00:00Z"), at("2026-03-03T09:00:00Z"), calendar),
    ).toThrowError(RangeError);
  });

  it("counts the remaining working days afresh from the resumption, never earlier than before", () => {
    const year2026 = fc.date({
      min: at("2026-01-01T00:00:00Z"),
      max: at("2026-11-30T00:00:00Z"),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        year2026,
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        (submitted, n, heldFraction, holdMs) => {
          const dueBefore = calendar.addWorkingDays(submitted, n);
          const heldAt = new Date(
            submitted.getTime() + Math.floor(heldFraction * (dueBefore.getTime() - submitted.getTime())),
          );
          const resumedAt = new Date(heldAt.getTime() + holdMs);

          const after = resumeAfterHold(dueBefore, heldAt, resumedAt, calendar);

          expect(after.getTime()).toBeGreaterThanOrEqual(dueBefore.getTime());
          const remaining = calendar.workingDaysBetween(heldAt, dueBefore);
          if (remaining >= 1) {
            expect(after).toEqual(calendar.addWorkingDays(resumedAt, remaining));
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
