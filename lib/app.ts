import { readFileSync } from "node:fs";
import { Annotations, App, type AppProps, Tags, Validations } from "aws-cdk-lib";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { AwsSolutionsChecks } from "cdk-nag";
import type { JobSpec } from "../functions/manifests/jobs";
import { QUEUES, type QueueName, type RouteSpec } from "../functions/manifests/routes";
import { holidayCoverageWarning, loadStageConfig, placeholderWarning, type StageConfig } from "./config";
import { repoPath } from "./paths";
import { StatefulStack } from "./stateful-stack";
import { StatelessStack } from "./stateless-stack";
import { WafStack } from "./waf-stack";
import { WebStack } from "./web-stack";

export interface BuildAppOptions {
  /** Props of the App (context, outdir, …); cdk.json's context is applied underneath. @default {} */
  readonly appProps?: AppProps;
  /** @default context `stage`, else "dev" */
  readonly stage?: string;
  /** Parsed configuration to use instead of lib/stages/<stage>.json (tests). */
  readonly config?: StageConfig;
  /** @default ROUTES */
  readonly routes?: readonly RouteSpec[];
  /**
   * Entry file of a route handler, relative to the repository root.
   * @default handler => `functions/http/${handler}.ts`
   */
  readonly handlerEntry?: (handler: string) => string;
  /** @default JOBS */
  readonly jobs?: readonly JobSpec[];
  /**
   * Entry file of a job handler, relative to the repository root.
   * @default handler => `functions/jobs/${handler}.ts`
   */
  readonly jobEntry?: (handler: string) => string;
}

export interface AduanApp {
  readonly app: App;
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  readonly web: WebStack;
  /** Only when the stage turns WAF on (web.waf.enabled). */
  readonly waf?: WafStack;
}

/** Builds the Aduan CDK app for one stage: the same code path for the CLI and for the tests. */
export function buildApp(options: BuildAppOptions = {}): AduanApp {
  // The CLI passes cdk.json's context itself; tests do not use the CLI, so apply it here too (the
  // CLI's values, `-c` included, still take precedence over these defaults).
  const app = new App({
    ...options.appProps,
    context: { ...cdkJsonContext(), ...options.appProps?.context },
  });
  const stage = options.stage ?? options.config?.stage ?? String(app.node.tryGetContext("stage") ?? "dev");
  const config = options.config ?? loadStageConfig(stage);
  // No account = environment-agnostic: synth needs no credentials and does no lookups.
  const env = { region: config.region, ...(config.account ? { account: config.account } : {}) };

  const stateful = new StatefulStack(app, `Aduan-${config.stage}-Stateful`, {
    env,
    config,
    description: `Aduan (${config.stage}): table, attachments, queues, staff user pool — retained`,
    terminationProtection: true,
  });
  const stateless = new StatelessStack(app, `Aduan-${config.stage}-Stateless`, {
    env,
    config,
    description: `Aduan (${config.stage}): HTTP API, schedules and functions`,
    table: stateful.table,
    attachmentsBucket: stateful.attachmentsBucket,
    attachmentsPolicies: stateful.attachmentsPolicies,
    exportsPolicies: stateful.exportsPolicies,
    queues: workQueues(stateful),
    deadLetterQueues: workQueues(stateful, "deadLetterQueue"),
    accessTokenSecret: stateful.accessTokenSecret,
    streamFailures: stateful.streamFailures,
    operatorsTopic: stateful.operatorsTopic,
    userPool: stateful.userPool,
    userPoolClient: stateful.userPoolClient,
    webClient: stateful.webClient,
    routes: options.routes,
    handlerEntry: options.handlerEntry,
    jobs: options.jobs,
    jobEntry: options.jobEntry,
  });
  stateless.addStackDependency(stateful);

  // The web app: CloudFront in front of the app's files and the API; WAF (us-east-1) if asked for.
  const waf = config.web.waf.enabled
    ? new WafStack(app, `Aduan-${config.stage}-Waf`, {
        env: { ...env, region: "us-east-1" },
        config,
        description: `Aduan (${config.stage}): AWS WAF web ACL for CloudFront (us-east-1)`,
        crossRegionReferences: true,
      })
    : undefined;
  const web = new WebStack(app, `Aduan-${config.stage}-Web`, {
    env,
    config,
    description: `Aduan (${config.stage}): web app on CloudFront, with the API as its second origin`,
    api: stateless.api.httpApi,
    attachmentsBucket: stateful.attachmentsBucket,
    webClientId: stateful.webClient.userPoolClientId,
    ...(waf && { webAclArn: waf.webAclArn, crossRegionReferences: true }),
  });
  web.addStackDependency(stateless);

  const coverage = holidayCoverageWarning(config, new Date());
  if (coverage) Annotations.of(stateless).addWarningV2("aduan:holiday-coverage", coverage);
  const placeholder = placeholderWarning(config);
  if (placeholder) Annotations.of(stateless).addWarningV2("aduan:placeholder-domain", placeholder);

  Tags.of(app).add("project", "aduan");
  Tags.of(app).add("stage", config.stage);

  // cdk-nag v3 is a policy-validation plugin: unacknowledged findings fail `cdk synth`.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, config, stateful, stateless, web, ...(waf && { waf }) };
}

/** Each work queue (or its dead-letter queue), by name. */
function workQueues(
  stateful: StatefulStack,
  which: "queue" | "deadLetterQueue" = "queue",
): Record<QueueName, IQueue> {
  const queues: Partial<Record<QueueName, IQueue>> = {};
  for (const name of Object.keys(QUEUES) as QueueName[]) {
    queues[name] = stateful.queues[name][which];
  }
  return queues as Record<QueueName, IQueue>;
}

/** The `context` block of cdk.json: the pinned feature flags and the default stage. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(repoPath("cdk.json"), "utf8")) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}
