import { describe, expect, it } from "vitest";
import { WorkingCalendar } from "../../functions/domain/calendar";
import {
  holidayDates,
  INDONESIA_HOLIDAYS_2026,
  INDONESIA_HOLIDAYS_2027,
} from "../../functions/domain/holidays-id";
import { DEFAULT_SLA } from "../../functions/domain/sla";
import {
  loadStageConfig,
  parseStageConfig,
  runtimeCalendar,
  runtimeSla,
  StageConfigError,
} from "../../lib/config";

describe("stage configuration", () => {
  it("loads dev and prod from lib/stages with the documented defaults", () => {
    for (const stage of ["dev", "prod"]) {
      const config = loadStageConfig(stage);

      expect(config.stage).toBe(stage);
      expect(config.region).toBe("ap-southeast-3");
      expect(config.calendar.timeZone).toBe("Asia/Jakarta");
      expect(config.calendar.workingDays).toEqual([1, 2, 3, 4, 5]);
      expect(config.schedules.sweep).toBe("rate(15 minutes)");
      expect(config.passingGradePercent).toBe(60);
      expect(config.sla.defaults).toEqual({
        verificationWorkingDays: 3,
        firstFollowUpWorkingDays: 5,
        autoResolveWorkingDays: 10,
        holdExpiryDays: 30,
        resolutionDays: 60,
        escalationGraceWorkingDays: 2,
      });
      // Indonesia's national holidays and cuti bersama, decreed (2026) and projected (2027).
      expect(config.calendar.holidays).toEqual(
        expect.arrayContaining(holidayDates(INDONESIA_HOLIDAYS_2026, INDONESIA_HOLIDAYS_2027)),
      );
    }
  });

  it("fills every default from a minimal file", () => {
    const config = parseStageConfig({ stage: "test" });

    expect(config.api.throttling).toEqual({ rateLimit: 50, burstLimit: 100 });
    expect(config.api.corsAllowedOrigins).toEqual([]);
    expect(config.lambda).toEqual({ memorySize: 512, timeoutSeconds: 10, jobTimeoutSeconds: 60 });
    expect(config.cognito.featurePlan).toBe("plus");
    expect(config.logRetentionDays).toBe(30);
    expect(config.account).toBeUndefined();
    expect(config.calendar).toMatchObject({
      timeZone: "Asia/Jakarta",
      holidaySets: ["ID-2026", "ID-2027"],
      extraHolidays: [],
      workingDays: [1, 2, 3, 4, 5],
    });
    expect(config.schedules).toEqual({ sweep: "rate(15 minutes)" });
    expect(config.sla).toEqual({ defaults: DEFAULT_SLA, byAgency: {}, byCategory: {} });
  });

  it("resolves holiday sets and extra dates into one sorted list without duplicates", () => {
    const config = parseStageConfig({
      stage: "test",
      calendar: { holidaySets: ["ID-2026"], extraHolidays: ["2026-12-31", "2026-01-01", "2025-12-31"] },
    });
    const expected = [
      ...new Set([...holidayDates(INDONESIA_HOLIDAYS_2026), "2026-12-31", "2025-12-31"]),
    ].sort();

    expect(config.calendar.holidays).toEqual(expected);
    expect(config.calendar.holidays).not.toContain(INDONESIA_HOLIDAYS_2027[0]?.date);
  });

  it("hands the functions a calendar and SLA policy that the domain accepts", () => {
    const config = parseStageConfig({
      stage: "test",
      calendar: { timeZone: "Asia/Makassar", workingDays: [1, 2, 3, 4, 5, 6] },
      sla: { defaults: { resolutionDays: 45 }, byCategory: { bencana: { verificationWorkingDays: 1 } } },
    });
    const calendar = runtimeCalendar(config);
    const sla = runtimeSla(config);

    expect(Object.keys(calendar).sort()).toEqual(["coveredYears", "holidays", "timeZone", "workingDays"]);
    expect(new WorkingCalendar(calendar).timeZone).toBe("Asia/Makassar");
    expect(sla).toEqual({
      defaults: { ...DEFAULT_SLA, resolutionDays: 45 },
      byAgency: {},
      byCategory: { bencana: { verificationWorkingDays: 1 } },
    });
  });

  it.each([
    [{ stage: "test", api: { throttling: { rateLimit: -1 } } }, "api.throttling.rateLimit"],
    [{ stage: "test", logRetentionDays: 8 }, "logRetentionDays"],
    [{ stage: "test", lambda: { timeoutSeconds: 60 } }, "lambda.timeoutSeconds"],
    [{ stage: "test", lambda: { jobTimeoutSeconds: 901 } }, "lambda.jobTimeoutSeconds"],
    [{ stage: "test", api: { corsAllowedOrigins: ["https://x.go.id/path"] } }, "api.corsAllowedOrigins.0"],
    [{ stage: "test", calendar: { timeZone: "Asia/Atlantis" } }, "calendar.timeZone"],
    [{ stage: "test", calendar: { holidaySets: ["ID-2026", "ID-2031"] } }, "calendar.holidaySets.1"],
    [{ stage: "test", calendar: { extraHolidays: ["2026-02-30"] } }, "calendar.extraHolidays.0"],
    [{ stage: "test", calendar: { extraHolidays: ["17-08-2026"] } }, "calendar.extraHolidays.0"],
    [{ stage: "test", calendar: { workingDays: [0, 1] } }, "calendar.workingDays.0"],
    [{ stage: "test", schedules: { sweep: "every 15 minutes" } }, "schedules.sweep"],
    [
      { stage: "test", sla: { defaults: { verificationWorkingDays: 0 } } },
      "sla.defaults.verificationWorkingDays",
    ],
    [{ stage: "test", sla: { defaults: { resolutionDays: -60 } } }, "sla.defaults.resolutionDays"],
    [
      { stage: "test", sla: { byAgency: { "kab-bogor": { holdExpiryDays: -1 } } } },
      "sla.byAgency.kab-bogor.holdExpiryDays",
    ],
    [
      { stage: "test", sla: { byCategory: { bencana: { resolutionDays: 1.5 } } } },
      "sla.byCategory.bencana.resolutionDays",
    ],
    [{ stage: "test", account: "12345" }, "account"],
    [{ stage: "Prod!" }, "stage"],
  ])("names the bad field in %j", (raw, field) => {
    expect(() => parseStageConfig(raw, "lib/stages/test.json")).toThrow(StageConfigError);
    expect(() => parseStageConfig(raw, "lib/stages/test.json")).toThrow(
      new RegExp(`lib/stages/test\\.json: .*${field.replaceAll(".", "\\.")}:`),
    );
  });

  it.each([
    [{ stage: "test", timeZone: "Asia/Jakarta" }, "timeZone"],
    [{ stage: "test", sweepSchedule: "rate(5 minutes)" }, "sweepSchedule"],
    [{ stage: "test", sla: { verificationWorkingDays: 3 } }, "verificationWorkingDays"],
    [{ stage: "test", sla: { byAgency: { "kab-bogor": { resolutionDay: 30 } } } }, "resolutionDay"],
  ])("rejects a misplaced or misspelt key instead of ignoring it: %j", (raw, key) => {
    expect(() => parseStageConfig(raw, "lib/stages/test.json")).toThrow(
      new RegExp(`Unrecognized key.*"${key}"`),
    );
  });

  it("rejects an unknown stage with the file it looked for", () => {
    expect(() => loadStageConfig("staging")).toThrow(/lib\/stages\/staging\.json/);
  });
});

describe("holiday coverage at synth", () => {
  it("warns in the synth output when the holiday sets miss a year of the next 12 months", async () => {
    const { synthApp } = await import("./helpers");
    const { Annotations, Match } = await import("aws-cdk-lib/assertions");
    // A stage whose sets end before the next 12 months do: only 2026 (or a date far ahead of them).
    const config = parseStageConfig({ stage: "coverage", calendar: { holidaySets: ["ID-2026"] } });
    const app = synthApp({ config });
    Annotations.fromStack(app.stateless).hasWarning("*", Match.stringLikeRegexp("do not cover 20"));
  });
});
