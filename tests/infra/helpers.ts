import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CfnElement, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { IConstruct } from "constructs";
import { JOBS, type JobSpec } from "../../functions/manifests/jobs";
import { type QueueName, ROUTES, type RouteSpec } from "../../functions/manifests/routes";
import { type AduanApp, type BuildAppOptions, buildApp } from "../../lib/app";
import { defaultJobEntry } from "../../lib/constructs/background-jobs";
import { repoPath } from "../../lib/paths";

export interface SynthesizedApp extends AduanApp {
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
  readonly webTemplate: Template;
  /** Only when the stage turns WAF on. */
  readonly wafTemplate?: Template;
  readonly outdir: string;
}

/**
 * Builds and synthesizes the app like `cdk synth` does (cdk.json context, cdk-nag plugin on), but
 * without bundling the functions: asset bundling is covered once, for real, by synth.test.ts.
 * Synthesis throws if cdk-nag reports an unacknowledged finding. Job entries default to `jobEntry`.
 */
export function synthApp(options: Omit<BuildAppOptions, "appProps"> = {}): SynthesizedApp {
  const outdir = mkdtempSync(join(tmpdir(), "aduan-infra-"));
  const built = buildApp({
    jobEntry,
    ...options,
    appProps: { outdir, postCliContext: { "aws:cdk:bundling-stacks": [] } },
  });
  const assembly = built.app.synth();
  return {
    ...built,
    outdir,
    statefulTemplate: Template.fromJSON(assembly.getStackByName(built.stateful.stackName).template),
    statelessTemplate: Template.fromJSON(assembly.getStackByName(built.stateless.stackName).template),
    webTemplate: Template.fromJSON(assembly.getStackByName(built.web.stackName).template),
    ...(built.waf && {
      wafTemplate: Template.fromJSON(assembly.getStackByName(built.waf.stackName).template),
    }),
  };
}

/** The logical id of a construct's CloudFormation resource. */
export function logicalId(construct: IConstruct): string {
  const resource = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(resource);
}

/**
 * Routes beyond today's manifest, so that the staff-route, queue and attachments code paths are
 * exercised before real routes use them. Handlers live in tests/infra/fixtures/http.
 */
export const EXTRA_ROUTES: readonly RouteSpec[] = [
  {
    method: "GET",
    path: "/v1/staff/reports",
    handler: "staff-list-reports",
    auth: "staff",
    access: { table: "read", sendTo: ["notifications"] },
  },
  {
    method: "POST",
    path: "/v1/staff/reports/{trackingId}/evidence-url",
    handler: "staff-upload-url",
    auth: "staff",
    access: {
      table: "readWrite",
      sendTo: ["escalations", "notifications"],
      attachments: ["announce", "download"],
    },
  },
];

/** Real handlers for the manifest's routes, fixture handlers for EXTRA_ROUTES. */
export function handlerEntry(handler: string): string {
  return EXTRA_ROUTES.some((route) => route.handler === handler)
    ? `tests/infra/fixtures/http/${handler}.ts`
    : `functions/http/${handler}.ts`;
}

/**
 * Jobs beyond today's manifest: a second queue consumer (so "consumes only its own queue" is
 * checked against a neighbour) and a second scheduled job. Handlers: tests/infra/fixtures/jobs.
 */
export const EXTRA_JOBS: readonly JobSpec[] = [
  {
    handler: "send-notification",
    trigger: { kind: "queue", queue: "notifications", batchSize: 5 },
    access: {},
  },
  {
    handler: "nightly-stats",
    trigger: { kind: "schedule", schedule: "sweep" },
    access: { table: "read" },
  },
];

export const STUB_JOB_ENTRY = "tests/infra/fixtures/jobs/stub-job.ts";

/**
 * The real handler of a JOBS entry once functions/jobs/<handler>.ts exists, else the stub (the
 * template tests skip bundling, so only the file's existence matters); the stub for EXTRA_JOBS.
 */
export function jobEntry(handler: string): string {
  const real = defaultJobEntry(handler);
  const isManifestJob = JOBS.some((job) => job.handler === handler);
  return isManifestJob && existsSync(repoPath(real)) ? real : STUB_JOB_ENTRY;
}

/** Manifest jobs whose handler file is not written yet (synth.test.ts needs them all). */
export function missingJobHandlers(): string[] {
  return JOBS.map((job) => defaultJobEntry(job.handler)).filter((entry) => !existsSync(repoPath(entry)));
}

/** CloudFormation template JSON: untyped by nature, so tests navigate it freely. */
// biome-ignore lint/suspicious/noExplicitAny: synthesized template JSON has no static type
export type Cfn = any;

/** The value, or a failed test naming what was missing. */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

/** Template resources of one type, as [logicalId, resource] pairs. */
export function resourcesOf(template: Template, type: string): [string, Record<string, Cfn>][] {
  return Object.entries(template.findResources(type));
}

/** Every IAM statement in a template (policies, managed policies, inline role policies). */
export function allStatements(template: Template): Record<string, Cfn>[] {
  const statements: Record<string, Cfn>[] = [];
  const collect = (document: Cfn) => {
    for (const statement of document?.Statement ?? []) statements.push(statement);
  };
  for (const [, policy] of resourcesOf(template, "AWS::IAM::Policy"))
    collect(policy.Properties.PolicyDocument);
  for (const [, policy] of resourcesOf(template, "AWS::IAM::ManagedPolicy")) {
    collect(policy.Properties.PolicyDocument);
  }
  for (const [, role] of resourcesOf(template, "AWS::IAM::Role")) {
    for (const inline of role.Properties.Policies ?? []) collect(inline.PolicyDocument);
  }
  return statements;
}

/** The stateful stack's output that carries a work queue's ARN (cross-stack references use them). */
export function queueArnOutput(app: SynthesizedApp, queue: QueueName | "streamFailures"): string {
  const queueId = logicalId(
    queue === "streamFailures" ? app.stateful.streamFailures : app.stateful.queues[queue].queue,
  );
  const outputs = app.statefulTemplate.toJSON().Outputs as Record<string, Cfn>;
  const found = Object.entries(outputs).find(
    ([, output]) => JSON.stringify(output.Value) === JSON.stringify({ "Fn::GetAtt": [queueId, "Arn"] }),
  );
  return must(found, `output with the ARN of queue ${queue}`)[0];
}

/** Policy statements attached to a role of the stateless stack (its policies and managed policies). */
export function statementsOfRole(app: SynthesizedApp, roleConstruct: IConstruct): Record<string, Cfn>[] {
  const roleId = logicalId(roleConstruct);
  const template = app.statelessTemplate.toJSON();
  const statements: Record<string, Cfn>[] = [];
  for (const [, policy] of resourcesOf(app.statelessTemplate, "AWS::IAM::Policy")) {
    if (asArray(policy.Properties.Roles).some((role: Cfn) => role.Ref === roleId)) {
      statements.push(...policy.Properties.PolicyDocument.Statement);
    }
  }
  // Managed policies live in the stateful stack; resolve them through the role's references.
  const role = template.Resources[roleId];
  const statefulResources = app.statefulTemplate.toJSON().Resources;
  for (const arn of asArray(role.Properties.ManagedPolicyArns)) {
    const outputName = (arn as Cfn)["Fn::GetStackOutput"]?.OutputName as string | undefined;
    const output = outputName ? app.statefulTemplate.toJSON().Outputs[outputName] : undefined;
    const policyId = output?.Value?.Ref as string | undefined;
    if (!policyId) throw new Error(`unexpected managed policy reference ${JSON.stringify(arn)}`);
    statements.push(...statefulResources[policyId].Properties.PolicyDocument.Statement);
  }
  return statements;
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export { JOBS, ROUTES };

/** The S3 actions a function with `access` must have: attachments' and exports' together. */
export function expectedS3Actions(access: {
  readonly attachments?: readonly ("announce" | "download" | "check")[];
  readonly exports?: "read" | "readWrite";
}): string[] {
  const actions = new Set<string>();
  const attachments = access.attachments ?? [];
  if (attachments.includes("announce")) actions.add("s3:PutObject");
  if (attachments.includes("download")) actions.add("s3:GetObject");
  if (attachments.includes("check"))
    for (const a of [
      "s3:GetObject",
      "s3:DeleteObject",
      "s3:DeleteObjectVersion",
      "s3:PutObject",
      "s3:ListBucketVersions",
    ])
      actions.add(a);
  if (access.exports === "read") actions.add("s3:GetObject");
  if (access.exports === "readWrite") for (const a of ["s3:GetObject", "s3:PutObject"]) actions.add(a);
  return [...actions].sort();
}
