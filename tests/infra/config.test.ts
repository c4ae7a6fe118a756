import { describe, expect, it } from "vitest";
import { loadStageConfig, parseStageConfig, StageConfigError } from "../../lib/config";

describe("stage configuration", () => {
  it("loads dev and prod from lib/stages with the documented defaults", () => {
    for (const stage of ["dev", "prod"]) {
      const config = loadStageConfig(stage);

      expect(config.stage).toBe(stage);
      expect(config.region).toBe("ap-southeast-3");
      expect(config.timeZone).toBe("Asia/Jakarta");
      expect(config.sweepSchedule).toBe("rate(15 minutes)");
      expect(config.passingGradePercent).toBe(60);
      expect(config.sla).toEqual({
        verificationWorkingDays: 3,
        firstFollowUpWorkingDays: 5,
        autoResolveWorkingDays: 10,
        holdExpiryDays: 30,
        resolutionDays: 60,
        escalationGraceWorkingDays: 2,
      });
    }
  });

  it("fills every default from a minimal file", () => {
    const config = parseStageConfig({ stage: "test" });

    expect(config.api.throttling).toEqual({ rateLimit: 50, burstLimit: 100 });
    expect(config.api.corsAllowedOrigins).toEqual([]);
    expect(config.lambda).toEqual({ memorySize: 512, timeoutSeconds: 10 });
    expect(config.cognito.featurePlan).toBe("plus");
    expect(config.logRetentionDays).toBe(30);
    expect(config.account).toBeUndefined();
  });

  it.each([
    [{ stage: "test", api: { throttling: { rateLimit: -1 } } }, "api.throttling.rateLimit"],
    [{ stage: "test", logRetentionDays: 8 }, "logRetentionDays"],
    [{ stage: "test", lambda: { timeoutSeconds: 60 } }, "lambda.timeoutSeconds"],
    [{ stage: "test", api: { corsAllowedOrigins: ["https://x.go.id/path"] } }, "api.corsAllowedOrigins.0"],
    [{ stage: "test", timeZone: "Asia/Atlantis" }, "timeZone"],
    [{ stage: "test", sweepSchedule: "every 15 minutes" }, "sweepSchedule"],
    [{ stage: "test", sla: { verificationWorkingDays: 0 } }, "sla.verificationWorkingDays"],
    [{ stage: "test", account: "12345" }, "account"],
    [{ stage: "Prod!" }, "stage"],
  ])("names the bad field in %j", (raw, field) => {
    expect(() => parseStageConfig(raw, "lib/stages/test.json")).toThrow(StageConfigError);
    expect(() => parseStageConfig(raw, "lib/stages/test.json")).toThrow(
      new RegExp(`lib/stages/test\\.json: .*${field.replaceAll(".", "\\.")}:`),
    );
  });

  it("rejects an unknown stage with the file it looked for", () => {
    expect(() => loadStageConfig("staging")).toThrow(/lib\/stages\/staging\.json/);
  });
});
