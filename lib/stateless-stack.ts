import { CfnOutput, Duration, Stack, type StackProps } from "aws-cdk-lib";
import type { IUserPool, IUserPoolClient } from "aws-cdk-lib/aws-cognito";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import type { IManagedPolicy } from "aws-cdk-lib/aws-iam";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { JOBS, type JobSpec } from "../functions/manifests/jobs";
import type { AttachmentAccess } from "../functions/manifests/routes";
import { type QueueName, ROUTES, type RouteSpec } from "../functions/manifests/routes";
import { TABLE_DESIGN } from "../functions/manifests/table-design";
import {
  emailConfigurationSetName,
  runtimeAttachmentRules,
  type StageConfig,
  sesIdentity,
  stageEnvironment,
  tableEnvironment,
} from "./config";
import { alarmsNotify } from "./constructs/alarms";
import { BackgroundJobs } from "./constructs/background-jobs";
import { ComplaintsApi } from "./constructs/complaints-api";
import type { AccessTargets } from "./constructs/handler-function";
import { Operations } from "./constructs/operations";

export interface StatelessStackProps extends StackProps {
  readonly config: StageConfig;
  readonly table: ITableV2;
  readonly attachmentsBucket: IBucket;
  readonly attachmentsPolicies: Readonly<Record<AttachmentAccess, IManagedPolicy>>;
  readonly exportsPolicies: Readonly<Record<"read" | "readWrite", IManagedPolicy>>;
  readonly queues: Readonly<Record<QueueName, IQueue>>;
  /** Each work queue's dead-letter queue, for the dashboard. */
  readonly deadLetterQueues: Readonly<Record<QueueName, IQueue>>;
  readonly accessTokenSecret: ISecret;
  /** Failure destination of the table's stream reader. */
  readonly streamFailures: IQueue;
  /** The operators' topic every alarm notifies. */
  readonly operatorsTopic: ITopic;
  readonly userPool: IUserPool;
  readonly userPoolClient: IUserPoolClient;
  /** The web console's app client: its ID tokens are accepted too. */
  readonly webClient: IUserPoolClient;
  /** @default ROUTES from functions/manifests/routes.ts */
  readonly routes?: readonly RouteSpec[];
  /**
   * Entry file of a route handler, relative to the repository root.
   * @default handler => `functions/http/${handler}.ts`
   */
  readonly handlerEntry?: (handler: string) => string;
  /** @default JOBS from functions/manifests/jobs.ts */
  readonly jobs?: readonly JobSpec[];
  /**
   * Entry file of a job handler, relative to the repository root.
   * @default handler => `functions/jobs/${handler}.ts`
   */
  readonly jobEntry?: (handler: string) => string;
}

/**
 * Compute and wiring: the HTTP API, the background jobs (schedules and queue consumers) and their
 * functions. Holds no report data, so it can be destroyed and redeployed at will; the stateful
 * resources arrive through props.
 */
export class StatelessStack extends Stack {
  readonly api: ComplaintsApi;
  readonly jobs: BackgroundJobs;
  readonly operations: Operations;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetention = config.logRetentionDays as RetentionDays;

    const targets: AccessTargets = {
      table: props.table,
      indexNames: Object.keys(TABLE_DESIGN.indexes),
      queues: props.queues,
      attachmentsBucket: props.attachmentsBucket,
      attachmentsPolicies: props.attachmentsPolicies,
      exportsPolicies: props.exportsPolicies,
      accessTokenSecret: props.accessTokenSecret,
      streamFailures: props.streamFailures,
      attachmentRules: runtimeAttachmentRules(config),
      tableEnvironment: tableEnvironment(config),
      email: {
        identityArn: this.formatArn({
          service: "ses",
          resource: "identity",
          resourceName: sesIdentity(config),
        }),
        configurationSetArn: this.formatArn({
          service: "ses",
          resource: "configuration-set",
          resourceName: emailConfigurationSetName(config),
        }),
        configurationSetName: emailConfigurationSetName(config),
      },
      stageEnvironment: stageEnvironment(config),
    };

    this.api = new ComplaintsApi(this, "ComplaintsApi", {
      stage: config.stage,
      routes: props.routes ?? ROUTES,
      handlerEntry: props.handlerEntry,
      targets,
      userPool: props.userPool,
      userPoolClient: props.userPoolClient,
      extraClients: [props.webClient],
      corsAllowedOrigins: config.api.corsAllowedOrigins,
      throttling: config.api.throttling,
      logRetention,
      memorySize: config.lambda.memorySize,
      tracing: config.observability.tracing,
      timeout: Duration.seconds(config.lambda.timeoutSeconds),
    });

    this.jobs = new BackgroundJobs(this, "Jobs", {
      stage: config.stage,
      jobs: props.jobs ?? JOBS,
      jobEntry: props.jobEntry,
      targets,
      schedules: config.schedules,
      timeZone: config.calendar.timeZone,
      logRetention,
      memorySize: config.lambda.memorySize,
      tracing: config.observability.tracing,
      timeout: Duration.seconds(config.lambda.jobTimeoutSeconds),
    });

    this.operations = new Operations(this, "Operations", {
      stage: config.stage,
      api: this.api.httpApi,
      functions: new Map(
        [...this.api.functions, ...this.jobs.functions].map(([name, fn]) => [name, fn.function] as const),
      ),
      queues: props.queues,
      deadLetterQueues: props.deadLetterQueues,
      max5xxPercent: config.observability.max5xxPercent,
      maxP99Latency: Duration.millis(config.observability.maxP99LatencyMs),
      maxQueueAge: Duration.minutes(config.observability.maxQueueAgeMinutes),
    });

    alarmsNotify(this, props.operatorsTopic);

    new CfnOutput(this, "ApiUrl", { value: this.api.url, description: "Base URL of the Aduan HTTP API" });
    new CfnOutput(this, "TableName", { value: props.table.tableName });
    new CfnOutput(this, "AttachmentsBucketName", { value: props.attachmentsBucket.bucketName });
    new CfnOutput(this, "UserPoolId", { value: props.userPool.userPoolId });
    new CfnOutput(this, "UserPoolClientId", { value: props.userPoolClient.userPoolClientId });
    new CfnOutput(this, "WebClientId", { value: props.webClient.userPoolClientId });
    new CfnOutput(this, "OperatorsTopicArn", {
      value: props.operatorsTopic.topicArn,
      description: "Every alarm notifies this topic; subscribe more receivers to it (stage operators.emails)",
    });
  }
}
