/** Every alarm of the stage reaches a person: the operators' topic, its e-mail subscriptions. */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadStageConfig, parseStageConfig } from "../../lib/config";
import { type Cfn, logicalId, resourcesOf, type SynthesizedApp, synthApp } from "./helpers";

let app: SynthesizedApp;

beforeAll(() => {
  const prod = loadStageConfig("prod");
  app = synthApp({
    config: { ...prod, operators: { emails: ["ops@example.go.id", "oncall@example.go.id"] } },
  });
});

describe("operators' alarms", () => {
  it("has a TLS-only topic with one e-mail subscription per configured operator", () => {
    const topicId = logicalId(app.stateful.operatorsTopic);
    const subscriptions = resourcesOf(app.statefulTemplate, "AWS::SNS::Subscription").map(
      ([, s]) => s.Properties,
    );
    expect(subscriptions.map((s) => [s.Protocol, s.Endpoint, s.TopicArn])).toEqual([
      ["email", "ops@example.go.id", { Ref: topicId }],
      ["email", "oncall@example.go.id", { Ref: topicId }],
    ]);
    const [policy] = resourcesOf(app.statefulTemplate, "AWS::SNS::TopicPolicy").map(([, p]) => p.Properties);
    expect(JSON.stringify(policy?.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it("notifies the topic from every alarm of both stacks, on alarm and on recovery", () => {
    const stacks: [string, Cfn[]][] = [
      ["stateful", resourcesOf(app.statefulTemplate, "AWS::CloudWatch::Alarm").map(([, a]) => a.Properties)],
      [
        "stateless",
        resourcesOf(app.statelessTemplate, "AWS::CloudWatch::Alarm").map(([, a]) => a.Properties),
      ],
    ];
    for (const [stack, alarms] of stacks) {
      expect(alarms.length, stack).toBeGreaterThan(0);
      for (const alarm of alarms) {
        expect(alarm.AlarmActions, `${stack}: ${alarm.AlarmDescription}`).toHaveLength(1);
        expect(alarm.OKActions, `${stack}: ${alarm.AlarmDescription}`).toEqual(alarm.AlarmActions);
      }
    }
    const [stateful] = stacks[0]?.[1] ?? [];
    expect(stateful?.AlarmActions).toEqual([{ Ref: logicalId(app.stateful.operatorsTopic) }]);
  });

  it("sends e-mail with a configuration set that suppresses bounced and complaining addresses, and alarms on both rates", () => {
    const [set] = resourcesOf(app.statefulTemplate, "AWS::SES::ConfigurationSet").map(
      ([, c]) => c.Properties,
    );
    expect(set).toMatchObject({
      Name: "aduan-prod",
      SuppressionOptions: { SuppressedReasons: ["BOUNCE", "COMPLAINT"] },
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
    const topic = { Ref: logicalId(app.stateful.operatorsTopic) };
    const reputation = resourcesOf(app.statefulTemplate, "AWS::CloudWatch::Alarm")
      .map(([, a]) => a.Properties)
      .filter((alarm) => alarm.Namespace === "AWS/SES");
    expect(reputation.map((a) => [a.MetricName, a.Threshold, a.AlarmActions])).toEqual([
      ["Reputation.BounceRate", 0.05, [topic]],
      ["Reputation.ComplaintRate", 0.001, [topic]],
    ]);
  });

  it("gives the webhooks queue a dead-letter queue whose alarm reaches the operators", () => {
    const webhooks = app.stateful.queues.webhooks;
    const queue = app.statefulTemplate.toJSON().Resources[logicalId(webhooks.queue)].Properties;
    expect(queue.RedrivePolicy.deadLetterTargetArn).toEqual({
      "Fn::GetAtt": [logicalId(webhooks.deadLetterQueue), "Arn"],
    });
    // Retention covers the whole retry schedule (27.7 hours in prod) with days to spare.
    expect(queue.MessageRetentionPeriod).toBe(14 * 86_400);
    const dlqAlarm = resourcesOf(app.statefulTemplate, "AWS::CloudWatch::Alarm")
      .map(([, a]) => a.Properties)
      .find((alarm) => JSON.stringify(alarm.Dimensions ?? []).includes(logicalId(webhooks.deadLetterQueue)));
    expect(dlqAlarm?.AlarmActions).toEqual([{ Ref: logicalId(app.stateful.operatorsTopic) }]);
  });

  it("refuses an operator address that is not an e-mail", () => {
    const raw = JSON.parse(readFileSync(new URL("../../lib/stages/prod.json", import.meta.url), "utf8"));
    expect(() => parseStageConfig({ ...raw, operators: { emails: ["not-an-address"] } })).toThrow(
      /operators\.emails\.0/,
    );
  });
});
