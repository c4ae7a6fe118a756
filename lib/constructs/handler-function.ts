import { basename } from "node:path";
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import type { IManagedPolicy } from "aws-cdk-lib/aws-iam";
import { Effect, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, LoggingFormat, Runtime } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import type { QueueName, RouteAccess } from "../../functions/shared/routes";
import { ENV } from "../../functions/shared/runtime-config";
import { tableActions } from "../access";
import { REPO_ROOT, repoPath } from "../paths";

/**
 * ESM bundles have no `require`; CommonJS dependencies bundled into them still call it.
 * This banner gives them one (the pattern Powertools documents for ESM Lambda bundles).
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __aduanCreateRequire } from 'node:module'; const require = __aduanCreateRequire(import.meta.url);";

/** The resources a function may be granted access to; which ones it gets comes from RouteAccess. */
export interface AccessTargets {
  readonly table: ITableV2;
  /** Index names of the table (Query on an index needs the index ARN). */
  readonly indexNames: readonly string[];
  readonly queues: Readonly<Record<QueueName, IQueue>>;
  readonly attachmentsBucket: IBucket;
  /**
   * Managed policies on the bucket's objects, one per access level, defined next to the bucket
   * (StatefulStack.attachmentsPolicies) so their object wildcard is reviewed and acknowledged there.
   */
  readonly attachmentsPolicies: Readonly<Record<"read" | "readWrite", IManagedPolicy>>;
}

export interface HandlerFunctionProps {
  /** Entry file, relative to the repository root, e.g. `functions/http/submit-report.ts`. */
  readonly entry: string;
  /** Stage name, passed to the function as STAGE. */
  readonly stage: string;
  /** Retention of the function's log group. */
  readonly logRetention: RetentionDays;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default - the entry's file name */
  readonly description?: string;
  /**
   * Files under node_modules copied next to the bundled handler (flattened to their base name),
   * e.g. `swagger-ui-dist/swagger-ui.css` → `<bundle>/swagger-ui.css`.
   * @default none
   */
  readonly assets?: readonly string[];
  /** Extra environment variables; access-derived ones are added by `allow()`. @default none */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * The one place that decides how Aduan functions are built and run: Node.js 24 on ARM64, an ESM
 * bundle made by the local esbuild (no Docker, works offline) with the AWS SDK bundled so its
 * version is the one in package-lock.json, source maps on, JSON logs into a log group with a fixed
 * retention, and a role that starts with nothing but that log group and gains exactly what
 * `allow(access, targets)` grants.
 */
export class HandlerFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const assets = props.assets ?? [];
    assertDistinctBaseNames(assets);

    this.logGroup = new LogGroup(this, "LogGroup", {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // An explicit role instead of the default one: the default attaches the AWS managed
    // AWSLambdaBasicExecutionRole (logs on every log group in the account).
    this.role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: `Aduan ${props.stage} ${basename(props.entry, ".ts")}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, "Function", {
      entry: repoPath(props.entry),
      handler: "handler",
      projectRoot: REPO_ROOT,
      depsLockFilePath: repoPath("package-lock.json"),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description ?? basename(props.entry, ".ts"),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        [ENV.stage]: props.stage,
        NODE_OPTIONS: "--enable-source-maps",
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: "node24",
        mainFields: ["module", "main"],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        // Bundle everything, the AWS SDK included: the versions in package-lock.json are what runs.
        externalModules: [],
        bundleAwsSDK: true,
        forceDockerBundling: false,
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) =>
            assets.map((asset) => `cp "${inputDir}/node_modules/${asset}" "${outputDir}/${basename(asset)}"`),
        },
      },
    });
  }

  /**
   * Grants exactly what `access` names, and sets the matching environment variables
   * (TABLE_NAME only with table access, a queue URL only for queues it may send to, …).
   */
  allow(access: RouteAccess, targets: AccessTargets): void {
    if (access.table) {
      const actions = tableActions(access.table);
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions,
          // The table and each named index: no `index/*` wildcard.
          resources: [
            targets.table.tableArn,
            ...targets.indexNames.map((name) => `${targets.table.tableArn}/index/${name}`),
          ],
        }),
      );
      this.function.addEnvironment(ENV.tableName, targets.table.tableName);
    }

    for (const queueName of new Set(access.sendTo ?? [])) {
      const queue = targets.queues[queueName];
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ["sqs:SendMessage"],
          resources: [queue.queueArn],
        }),
      );
      this.function.addEnvironment(queueUrlVariable(queueName), queue.queueUrl);
    }

    if (access.attachments) {
      this.role.addManagedPolicy(targets.attachmentsPolicies[access.attachments]);
      this.function.addEnvironment(ENV.attachmentsBucket, targets.attachmentsBucket.bucketName);
    }
  }
}

/** The environment variable that carries a queue's URL: ENV.<name>QueueUrl. */
export function queueUrlVariable(queueName: QueueName): string {
  const key = `${queueName}QueueUrl`;
  if (!(key in ENV)) {
    throw new Error(`functions/shared/runtime-config.ts ENV has no "${key}" for queue "${queueName}"`);
  }
  return ENV[key as keyof typeof ENV];
}

function assertDistinctBaseNames(assets: readonly string[]): void {
  const seen = new Map<string, string>();
  for (const asset of assets) {
    const name = basename(asset);
    const previous = seen.get(name);
    if (previous !== undefined && previous !== asset) {
      throw new Error(`Assets ${previous} and ${asset} would both be copied to ${name}`);
    }
    seen.set(name, asset);
  }
}
