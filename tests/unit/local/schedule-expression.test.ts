import { describe, expect, it } from "vitest";
import { loadStageConfig } from "../../../lib/config";
import { parseScheduleExpression } from "../../../local/schedule-expression";

const at = (iso: string) => new Date(iso);

describe("rate(...) expressions", () => {
  it.each([
    ["rate(1 minute)", 60_000],
    ["rate(15 minutes)", 15 * 60_000],
    ["rate(1 hour)", 3_600_000],
    ["rate(6 hours)", 6 * 3_600_000],
    ["rate(1 day)", 86_400_000],
    ["rate(2 days)", 2 * 86_400_000],
  ])("%s runs every %d ms", (expression, period) => {
    const from = at("2026-12-23T03:00:00.000Z");
    expect(parseScheduleExpression(expression, "Asia/Jakarta").next(from)?.getTime()).toBe(
      from.getTime() + period,
    );
  });

  it.each(["rate(0 minutes)", "rate(1 minutes)", "rate(5 minute)", "rate(5 weeks)", "rate(five minutes)"])(
    "refuses %s as Scheduler does",
    (expression) => {
      expect(() => parseScheduleExpression(expression, "UTC")).toThrow(RangeError);
    },
  );

  it("reads the dev stage's sweep expression, the one the CDK schedule uses", () => {
    const { schedules, calendar } = loadStageConfig("dev");
    const sweep = parseScheduleExpression(schedules.sweep, calendar.timeZone);
    expect(sweep.expression).toBe(schedules.sweep);
    expect(sweep.next(at("2026-12-23T03:00:00Z"))).toBeInstanceOf(Date);
  });
});

describe("cron(...) expressions, in the schedule's time zone", () => {
  it("fires at 01:00 Jakarta time (18:00 UTC the day before)", () => {
    const daily = parseScheduleExpression("cron(0 1 * * ? *)", "Asia/Jakarta");
    expect(daily.next(at("2026-12-23T03:00:00Z"))?.toISOString()).toBe("2026-12-23T18:00:00.000Z");
    // Strictly after: from the run instant itself, the next day's run.
    expect(daily.next(at("2026-12-23T18:00:00Z"))?.toISOString()).toBe("2026-12-24T18:00:00.000Z");
  });

  it("reads day-of-week names and ranges: weekdays at 09:30 Jakarta", () => {
    const weekdays = parseScheduleExpression("cron(30 9 ? * MON-FRI *)", "Asia/Jakarta");
    // Friday 2026-12-25 10:00 WIB → Monday 2026-12-28 09:30 WIB (cron knows weekdays, not holidays).
    expect(weekdays.next(at("2026-12-25T03:00:00Z"))?.toISOString()).toBe("2026-12-28T02:30:00.000Z");
  });

  it("reads the same expression differently in another zone", () => {
    const utc = parseScheduleExpression("cron(0 1 * * ? *)", "UTC");
    expect(utc.next(at("2026-12-23T03:00:00Z"))?.toISOString()).toBe("2026-12-24T01:00:00.000Z");
  });

  it("follows a DST zone's offset on each side of the change", () => {
    const amsterdam = parseScheduleExpression("cron(0 12 * * ? *)", "Europe/Amsterdam");
    expect(amsterdam.next(at("2026-03-27T00:00:00Z"))?.toISOString()).toBe("2026-03-27T11:00:00.000Z"); // CET
    expect(amsterdam.next(at("2026-03-30T00:00:00Z"))?.toISOString()).toBe("2026-03-30T10:00:00.000Z"); // CEST
  });

  it("reads L (last day of the month) and the year field", () => {
    const monthEnd = parseScheduleExpression("cron(0 0 L * ? 2027)", "Asia/Jakarta");
    expect(monthEnd.next(at("2026-12-23T03:00:00Z"))?.toISOString()).toBe("2027-01-30T17:00:00.000Z");
    expect(monthEnd.next(at("2027-12-31T00:00:00Z"))).toBeUndefined();
  });

  it("refuses what Scheduler refuses", () => {
    expect(() => parseScheduleExpression("cron(0 1 * * * *)", "UTC")).toThrow(/exactly one of/);
    expect(() => parseScheduleExpression("cron(0 1 * * ?)", "UTC")).toThrow(RangeError);
    expect(() => parseScheduleExpression("every 15 minutes", "UTC")).toThrow(/not a schedule expression/);
  });
});
