import { describe, expect, it } from "vitest";
import { holidayCoverageGaps, WorkingCalendar } from "../../../functions/domain/calendar";
import { holidayCoverageWarning, parseStageConfig } from "../../../lib/config";

describe("holiday coverage", () => {
  it("names the years of the next 12 local months that no holiday list covers", () => {
    const lateNovember = new Date("2026-11-28T03:00:00Z");
    expect(holidayCoverageGaps([2026, 2027], "Asia/Jakarta", lateNovember)).toEqual([]);
    expect(holidayCoverageGaps([2026], "Asia/Jakarta", lateNovember)).toEqual([2027]);
    // 31 Dec 2026 18:00 UTC is already January 2027 in Jakarta: the window reaches into 2027-12.
    expect(holidayCoverageGaps([2026, 2027], "Asia/Jakarta", new Date("2026-12-31T18:00:00Z"))).toEqual([]);
    expect(holidayCoverageGaps([2026, 2027], "Asia/Jakarta", new Date("2027-02-01T00:00:00Z"))).toEqual([
      2028,
    ]);
  });

  it("is a synth and npm start warning when the stage's sets fall short", () => {
    const onlyThisYear = parseStageConfig({ stage: "test", calendar: { holidaySets: ["ID-2026"] } });
    expect(holidayCoverageWarning(onlyThisYear, new Date("2026-11-28T03:00:00Z"))).toMatch(
      /do not cover 2027/,
    );
    const both = parseStageConfig({ stage: "test" });
    expect(holidayCoverageWarning(both, new Date("2026-11-28T03:00:00Z"))).toBeUndefined();
  });

  it("reports a deadline reckoned in an uncovered year once per calendar instance", () => {
    const seen: number[] = [];
    const calendar = new WorkingCalendar(
      { timeZone: "Asia/Jakarta", holidays: [], coveredYears: [2026] },
      { onUncoveredYear: (year) => seen.push(year) },
    );
    calendar.addWorkingDays(new Date("2026-12-28T03:00:00Z"), 10);
    calendar.addWorkingDays(new Date("2026-12-29T03:00:00Z"), 10);
    expect(seen).toEqual([2027]);
  });
});
