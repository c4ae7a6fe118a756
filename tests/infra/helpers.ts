import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CfnElement, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { IConstruct } from "constructs";
import { ROUTES, type RouteSpec } from "../../functions/shared/routes";
import { type AduanApp, type BuildAppOptions, buildApp } from "../../lib/app";

export interface SynthesizedApp extends AduanApp {
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
  readonly outdir: string;
}

/**
 * Builds and synthesizes the app like `cdk synth` does (cdk.json context, cdk-nag plugin on), but
 * without bundling the functions: asset bundling is covered once, for real, by synth.test.ts.
 * Synthesis throws if cdk-nag reports an unacknowledged finding.
 */
export function synthApp(options: Omit<BuildAppOptions, "appProps"> = {}): SynthesizedApp {
  const outdir = mkdtempSync(join(tmpdir(), "aduan-infra-"));
  const built = buildApp({
    ...options,
    appProps: { outdir, postCliContext: { "aws:cdk:bundling-stacks": [] } },
  });
  const assembly = built.app.synth();
  return {
    ...built,
    outdir,
    statefulTemplate: Template.fromJSON(assembly.getStackByName(built.stateful.stackName).template),
    statelessTemplate: Template.fromJSON(assembly.getStackByName(built.stateless.stackName).template),
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
    path: "/v1/staff/reports/{trackingId}/attachments",
    handler: "staff-upload-url",
    auth: "staff",
    access: { table: "readWrite", sendTo: ["escalations", "notifications"], attachments: "readWrite" },
  },
];

/** Real handlers for the manifest's routes, fixture handlers for EXTRA_ROUTES. */
export function handlerEntry(handler: string): string {
  return EXTRA_ROUTES.some((route) => route.handler === handler)
    ? `tests/infra/fixtures/http/${handler}.ts`
    : `functions/http/${handler}.ts`;
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

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export { ROUTES };
