/** The operations side of the stage (issue 13): its dashboard, its alarms, tracing behind a flag. */
import { beforeAll, describe, expect, it } from "vitest";
import { QUEUES } from "../../functions/manifests/routes";
import { BUNDLE_CLASS_METADATA } from "../../lib/bundle-budgets";
import { loadStageConfig } from "../../lib/config";
import { logicalId, resourcesOf, type SynthesizedApp, synthApp } from "./helpers";

let app: SynthesizedApp;
let traced: SynthesizedApp;

beforeAll(() => {
  const prod = loadStageConfig("prod");
  app = synthApp({ config: prod });
  traced = synthApp({ config: { ...prod, observability: { ...prod.observability, tracing: true } } });
});

describe("operations", () => {
  it("labels each function with its bundle budget: S3 or SES access (or none) decides it", () => {
    const classes = Object.fromEntries(
      resourcesOf(app.statelessTemplate, "AWS::Lambda::Function").map(([id, f]) => [
        id.replace(/Function[0-9A-F]{8}$/, ""),
        (f as { Metadata?: Record<string, string> }).Metadata?.[BUNDLE_CLASS_METADATA],
      ]),
    );
    // Attachments (S3) and e-mail (SES) where the grouping puts them; everything else DynamoDB/SQS.
    expect(classes).toMatchObject({
      ComplaintsApiApiFiles: "s3-or-ses",
      ComplaintsApiApiStaff: "s3-or-ses",
      ComplaintsApiApiPublicWrites: "s3-or-ses",
      JobsSendNotifications: "s3-or-ses",
      JobsCheckAttachment: "s3-or-ses",
      ComplaintsApiApiPublicReads: "dynamodb-sqs",
      ComplaintsApiApiDocs: "dynamodb-sqs",
      JobsSweepOverdue: "dynamodb-sqs",
      JobsDeliverWebhooks: "dynamodb-sqs",
    });
    expect(Object.values(classes).every((c) => c === "s3-or-ses" || c === "dynamodb-sqs")).toBe(true);
  });

  it("has one dashboard for the stage with traffic, errors, latency, queues, DLQs, the sweep and business counts", () => {
    const [dashboard] = resourcesOf(app.statelessTemplate, "AWS::CloudWatch::Dashboard").map(
      ([, d]) => d.Properties,
    );
    expect(dashboard?.DashboardName).toBe("Aduan-prod");
    const body = JSON.stringify(dashboard?.DashboardBody);
    for (const title of [
      "API traffic and errors",
      "API latency (ms)",
      "Function errors",
      "Function throttles and p99 duration",
      "Queue depth (visible)",
      "Oldest message (s)",
      "Dead-letter queues (visible)",
      "Sweep: due items and lag (s)",
      "Reports filed (by kind and channel)",
      "Escalations (by clock and level)",
      "Notifications",
    ])
      expect(body, title).toContain(title);
    for (const metric of ["SweepLag", "ReportsVerified", "EmailsSent", "WebhookFailures", "p99"])
      expect(body).toContain(metric);
  });

  it("alarms on the API's 5xx rate and p99 latency, function errors and throttles of every function, and each work queue's age", () => {
    const alarms = resourcesOf(app.statelessTemplate, "AWS::CloudWatch::Alarm").map(
      ([id, a]) => [id, a.Properties] as const,
    );
    const ids = alarms.map(([id]) => id);
    expect(ids.some((id) => id.includes("Api5xxRateAlarm"))).toBe(true);
    expect(ids.some((id) => id.includes("ApiLatencyAlarm"))).toBe(true);
    const functions = resourcesOf(app.statelessTemplate, "AWS::Lambda::Function").map(([id]) => id);
    const covered = (kind: string) =>
      new Set(
        alarms
          .filter(([id]) => id.includes(kind))
          .flatMap(([, a]) => JSON.stringify(a.Metrics ?? []).match(/"Ref":"([A-Za-z0-9]+)"/g) ?? [])
          .map((ref) => ref.slice(7, -1)),
      );
    // Every function is in one errors alarm and one throttles alarm (ten to an alarm).
    for (const fn of functions.filter((id) => !id.startsWith("LogRetention"))) {
      expect(covered("FunctionErrorsAlarm").has(fn), fn).toBe(true);
      expect(covered("FunctionThrottlesAlarm").has(fn), fn).toBe(true);
    }
    for (const queue of Object.keys(QUEUES)) {
      const alarm = alarms.find(([id]) => id.toLowerCase().includes(`${queue}queueagealarm`));
      expect(alarm?.[1].MetricName, queue).toBe("ApproximateAgeOfOldestMessage");
      expect(alarm?.[1].Threshold).toBe(15 * 60);
    }
    const topic = logicalId(app.stateful.operatorsTopic);
    for (const [id, alarm] of alarms) expect(JSON.stringify(alarm.AlarmActions), id).toContain(topic);
  });

  it("traces every function with X-Ray only when the stage asks for it", () => {
    const modes = (a: SynthesizedApp) =>
      new Set(
        resourcesOf(a.statelessTemplate, "AWS::Lambda::Function").map(
          ([, f]) => f.Properties.TracingConfig?.Mode ?? "none",
        ),
      );
    expect([...modes(traced)]).toEqual(["Active"]);
    expect(modes(app).has("Active")).toBe(false);
  });
});
