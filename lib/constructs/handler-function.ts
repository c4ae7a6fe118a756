import { spawnSync } from "node:child_process";
import { basename } from "node:path";
import {
  AssetHashType,
  type CfnResource,
  DockerImage,
  Duration,
  RemovalPolicy,
  Token,
  Tokenization,
  Validations,
} from "aws-cdk-lib";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import type { IManagedPolicy } from "aws-cdk-lib/aws-iam";
import { Effect, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from "aws-cdk-lib/aws-lambda";
import { LogGroup, type RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { environmentNames, queueUrlVariable } from "../../functions/manifests/grants";
import type { AttachmentAccess, QueueName, RouteAccess } from "../../functions/manifests/routes";
import { CHANNELS_PARTITION_PREFIX } from "../../functions/manifests/table-design";
import { ENV } from "../../functions/shared/runtime-config";
import { tableActions } from "../access";
import { BUNDLE_CLASS_METADATA, bundleClass } from "../bundle-budgets";
import { BUNDLE_FILE, type BundleRequest } from "../bundling";
import { REPO_ROOT, repoPath } from "../paths";

/** Lambda rejects a function whose environment variables total more than 4 KB. */
export const LAMBDA_ENVIRONMENT_LIMIT_BYTES = 4096;

/**
 * What a deploy-time value (a token: table name, queue URL, …) may resolve to at most: DynamoDB
 * table names are up to 255 characters, queue URLs and bucket names are shorter.
 */
export const TOKEN_SIZE_ESTIMATE_BYTES = 256;

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
  readonly attachmentsPolicies: Readonly<Record<AttachmentAccess, IManagedPolicy>>;
  /** The same for staff export files (`exports/` of the same bucket). */
  readonly exportsPolicies: Readonly<Record<"read" | "readWrite", IManagedPolicy>>;
  readonly accessTokenSecret: ISecret;
  /** The stage's attachment limits, as ATTACHMENT_RULES_JSON. */
  readonly attachmentRules: string;
  /** Where a stream reader records the batches it failed on. */
  readonly streamFailures: IQueue;
  /**
   * What `email` access sends from: the SES identity and configuration set (both are IAM
   * resources of ses:SendEmail), and the values of EMAIL_*, the link templates and the webhook backoff.
   */
  readonly email: {
    readonly identityArn: string;
    readonly configurationSetArn: string;
    readonly configurationSetName: string;
  };
  /** EMAIL_FROM, TRACKING_URL, STAFF_REPORT_URL, WEBHOOK_RETRY_SECONDS, API_KEY_REQUESTS_PER_MINUTE (lib/config.ts). */
  readonly stageEnvironment: Readonly<Record<string, string>>;
  /**
   * Variables that go with table access, next to TABLE_NAME: the working-day calendar and the SLA
   * policy (CALENDAR_JSON, SLA_JSON) that every deadline written to or read from the table uses.
   * @default none
   */
  readonly tableEnvironment?: Readonly<Record<string, string>>;
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
  /**
   * X-Ray active tracing: Lambda's own segments (start, duration, errors) for every invocation.
   * @default false
   */
  readonly tracing?: boolean;
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
 * bundle made by the local esbuild as lib/bundling.ts says (no Docker, works offline, the AWS SDK
 * bundled so its version is the one in package-lock.json), source maps on, JSON logs into a log
 * group with a fixed retention, and a role that starts with nothing but that log group and gains
 * exactly what `allow(access, targets)` grants.
 */
export class HandlerFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /** Every environment variable set on the function, for the size check. */
  private readonly environment: Record<string, string> = {};

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
      description: `Aduan ${props.stage} ${props.description ?? basename(props.entry, ".ts")}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new LambdaFunction(this, "Function", {
      code: bundledCode(props.entry, assets),
      handler: `${basename(BUNDLE_FILE, ".mjs")}.handler`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      tracing: props.tracing ? Tracing.ACTIVE : Tracing.DISABLED,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description ?? basename(props.entry, ".ts"),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
    });

    if (props.tracing)
      Validations.of(this.role).acknowledge({
        id: "AwsSolutions-IAM5[Resource::*]",
        reason:
          "Active tracing grants xray:PutTraceSegments and xray:PutTelemetryRecords, which have no " +
          "resource-level permissions: X-Ray only accepts Resource '*' for them.",
      });

    this.addEnvironment(ENV.stage, props.stage);
    this.addEnvironment("NODE_OPTIONS", "--enable-source-maps");
    for (const [name, value] of Object.entries(props.environment ?? {})) this.addEnvironment(name, value);

    // Fail at synth, naming the function, rather than at deploy with a bare "exceeds 4 KB".
    this.node.addValidation({
      validate: () => {
        const size = environmentSize(this.environment);
        return size <= LAMBDA_ENVIRONMENT_LIMIT_BYTES
          ? []
          : [
              `Environment of ${props.entry} is about ${size} bytes, over Lambda's ${LAMBDA_ENVIRONMENT_LIMIT_BYTES}: ` +
                "shorten the holiday list (calendar.holidaySets/extraHolidays) or the SLA overrides in the stage file",
            ];
      },
    });
  }

  /** Sets a variable on the function and records it for the environment size check. */
  addEnvironment(name: string, value: string): void {
    this.environment[name] = value;
    this.function.addEnvironment(name, value);
  }

  /**
   * Grants exactly what `access` names, and sets the matching environment variables
   * (TABLE_NAME only with table access, a queue URL only for queues it may send to, …).
   */
  allow(access: RouteAccess, targets: AccessTargets): void {
    if (access.table) {
      const actions = tableActions(access.table);
      // The table and each named index: no `index/*` wildcard.
      const resources = [
        targets.table.tableArn,
        ...targets.indexNames.map((name) => `${targets.table.tableArn}/index/${name}`),
      ];
      this.role.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions, resources }));
      // Agencies' contact e-mails and webhook signing secrets: only for functions that need them.
      if (!access.channels)
        this.role.addToPrincipalPolicy(
          new PolicyStatement({
            effect: Effect.DENY,
            actions,
            resources,
            conditions: {
              "ForAnyValue:StringLike": { "dynamodb:LeadingKeys": [`${CHANNELS_PARTITION_PREFIX}*`] },
            },
          }),
        );
    }

    for (const queueName of new Set(access.sendTo ?? [])) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ["sqs:SendMessage"],
          resources: [targets.queues[queueName].queueArn],
        }),
      );
    }

    // What the bundle is measured against (lib/bundle-budgets.ts): decided by the same access.
    (this.function.node.defaultChild as CfnResource).addMetadata(BUNDLE_CLASS_METADATA, bundleClass(access));

    for (const level of access.attachments ?? [])
      this.role.addManagedPolicy(targets.attachmentsPolicies[level]);
    if (access.exports) this.role.addManagedPolicy(targets.exportsPolicies[access.exports]);
    if (access.tokenSecret) targets.accessTokenSecret.grantRead(this.role);
    if (access.email)
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ["ses:SendEmail"],
          // From the stage's identity, with its configuration set: nothing else.
          resources: [targets.email.identityArn, targets.email.configurationSetArn],
        }),
      );

    // Which variables the access gives is declared once (functions/manifests/grants.ts, which the
    // local server uses too); here, where each one's value comes from.
    const values: Record<string, string> = {
      [ENV.tableName]: targets.table.tableName,
      ...targets.tableEnvironment,
      ...Object.fromEntries(
        (Object.keys(targets.queues) as QueueName[]).map((name) => [
          queueUrlVariable(name),
          targets.queues[name].queueUrl,
        ]),
      ),
      [ENV.attachmentsBucket]: targets.attachmentsBucket.bucketName,
      [ENV.exportsBucket]: targets.attachmentsBucket.bucketName,
      [ENV.attachmentRules]: targets.attachmentRules,
      [ENV.accessTokenSecretArn]: targets.accessTokenSecret.secretArn,
      [ENV.emailConfigurationSet]: targets.email.configurationSetName,
      ...targets.stageEnvironment,
    };
    for (const name of environmentNames(access, "aws")) {
      const value = values[name];
      if (value === undefined) throw new Error(`${name}: no value for it among the function's targets`);
      this.addEnvironment(name, value);
    }
  }
}

/**
 * The function's code: `entry` bundled by lib/bundling.ts, run as a program because CDK asks for
 * the bundle synchronously and esbuild's plugins need its asynchronous API. The asset's hash is the
 * bundle's, so a change anywhere in what the entry imports (and only that) makes a new version.
 */
function bundledCode(entry: string, assets: readonly string[]): Code {
  return Code.fromAsset(REPO_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: local bundling always succeeds or throws.
      image: DockerImage.fromRegistry("local-bundling-only"),
      // CDK caches a bundle by its source path and these options (not by what tryBundle does):
      // naming the entry and assets here is what keeps two functions from sharing one bundle.
      environment: { ADUAN_ENTRY: entry, ADUAN_ASSETS: assets.join(" ") },
      local: {
        tryBundle(outdir: string): boolean {
          const request: BundleRequest = { entry, outdir, assets };
          const run = spawnSync(
            process.execPath,
            ["--import", "tsx", repoPath("lib/bundling.ts"), JSON.stringify(request)],
            { cwd: REPO_ROOT, encoding: "utf8" },
          );
          if (run.status !== 0) throw new Error(`Bundling ${entry} failed:\n${run.stderr}${run.stdout}`);
          return true;
        },
      },
    },
  });
}

/**
 * Upper estimate of the size Lambda counts for a set of variables: names and values in UTF-8, as
 * the JSON object (quotes and separators included, so slightly more than Lambda counts), with each
 * unresolved token counted as TOKEN_SIZE_ESTIMATE_BYTES.
 */
export function environmentSize(variables: Readonly<Record<string, string>>): number {
  const estimated = Object.fromEntries(
    Object.entries(variables).map(([name, value]) => {
      if (!Token.isUnresolved(value)) return [name, value];
      const placeholder = "x".repeat(TOKEN_SIZE_ESTIMATE_BYTES);
      const estimate = Tokenization.reverseString(value)
        .mapTokens({ mapToken: () => placeholder })
        .join({ join: (left: unknown, right: unknown) => `${left}${right}` });
      return [name, String(estimate)];
    }),
  );
  return Buffer.byteLength(JSON.stringify(estimated), "utf8");
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
