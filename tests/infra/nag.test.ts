import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Validations } from "aws-cdk-lib";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { describe, expect, it } from "vitest";
import { ROUTES } from "../../functions/manifests/routes";
import { buildApp } from "../../lib/app";
import { type Cfn, EXTRA_JOBS, EXTRA_ROUTES, handlerEntry, JOBS, jobEntry, synthApp } from "./helpers";

/**
 * cdk-nag v3 is a CDK policy-validation plugin: during synth it reports unacknowledged findings in
 * <outdir>/validation-report.json, and an in-memory synth (as here) throws when there are any.
 * These tests check all three views: synth succeeds, the report is clean, and a direct run of
 * the pack over the synthesized tree finds nothing.
 */

function unacknowledged(app: IConstruct): string[] {
  const report = new AwsSolutionsChecks().validateScope(app);
  return report.violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`),
  );
}

function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  const found: { path: string; id: string; reason: string }[] = [];
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: construct.node.path, id: id.replace(/^annotation::/i, ""), reason });
      }
    }
  }
  return found;
}

describe("cdk-nag AwsSolutions", { timeout: 60_000 }, () => {
  it.each([
    ["dev", "shipped routes", undefined],
    ["prod", "shipped routes", undefined],
    ["dev", "with staff, queue and attachment routes and extra jobs", [...ROUTES, ...EXTRA_ROUTES]],
    ["prod", "with staff, queue and attachment routes and extra jobs", [...ROUTES, ...EXTRA_ROUTES]],
  ])("%s (%s): no unacknowledged error or warning", (stage, _label, routes) => {
    const jobs = routes ? [...JOBS, ...EXTRA_JOBS] : undefined;
    const synthesized = synthApp({ stage, routes, handlerEntry, jobs });

    const report = JSON.parse(readFileSync(join(synthesized.outdir, "validation-report.json"), "utf8"));
    const failures = (report.pluginReports ?? []).filter((plugin: Cfn) => plugin.conclusion !== "success");
    expect(failures).toEqual([]);
    expect(unacknowledged(synthesized.app)).toEqual([]);
  });

  it("every acknowledgement is an AwsSolutions rule with a written reason", () => {
    const jobs = [...JOBS, ...EXTRA_JOBS];
    const { app } = synthApp({ stage: "dev", routes: [...ROUTES, ...EXTRA_ROUTES], handlerEntry, jobs });
    const acks = acknowledgements(app);

    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id, ack.path).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThanOrEqual(60);
    }
    // Public routes are acknowledged one by one; staff routes need no acknowledgement.
    const apig4 = acks.filter((ack) => ack.id === "AwsSolutions-APIG4");
    expect(apig4).toHaveLength(
      [...ROUTES, ...EXTRA_ROUTES].filter((route) => route.auth === "public").length,
    );
    // Scheduler DLQs are dead-letter queues cdk-nag does not recognise as such: one per schedule.
    const sqs3 = acks.filter((ack) => ack.id === "AwsSolutions-SQS3");
    // So is the stream reader's failure queue, in the stateful stack.
    for (const ack of sqs3)
      expect(ack.path).toMatch(/(\/Jobs\/[A-Za-z]+Schedule\/DeadLetterQueue|\/StreamFailuresQueue)$/);
    expect(sqs3).toHaveLength(jobs.filter((job) => job.trigger.kind === "schedule").length + 1);
  });

  it("fails when a finding is not acknowledged", () => {
    const { app, stateless } = buildApp({
      stage: "dev",
      jobEntry,
      appProps: { postCliContext: { "aws:cdk:bundling-stacks": [] } },
    });
    // A queue with neither DLQ nor TLS-only policy: AwsSolutions-SQS3 and -SQS4.
    new Queue(stateless, "UnprotectedQueue");

    expect(unacknowledged(app)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AwsSolutions-SQS3 at .*UnprotectedQueue/),
        expect.stringMatching(/^AwsSolutions-SQS4 at .*UnprotectedQueue/),
      ]),
    );
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
  });
});
