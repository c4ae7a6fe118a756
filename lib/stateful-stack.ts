import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from "aws-cdk-lib";
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolEmail,
} from "aws-cdk-lib/aws-cognito";
import {
  AttributeType,
  Billing,
  type GlobalSecondaryIndexPropsV2,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from "aws-cdk-lib/aws-dynamodb";
import { Effect, ManagedPolicy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  EventType,
  HttpMethods,
  ObjectOwnership,
  StorageClass,
} from "aws-cdk-lib/aws-s3";
import { SqsDestination } from "aws-cdk-lib/aws-s3-notifications";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { ConfigurationSet, SuppressionReasons } from "aws-cdk-lib/aws-ses";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { flattenCfnReference } from "cdk-nag/lib/utils/flatten-cfn-reference.js";
import type { Construct } from "constructs";
import { CLEAN_PREFIX, INCOMING_PREFIX } from "../functions/domain/attachments";
import { AGENCY_ID_ATTRIBUTE, STAFF_ROLES, type StaffRole } from "../functions/domain/constants";
import { EXPORT_RETENTION_DAYS } from "../functions/domain/exports";
import { UPLOAD_CORS_POLICY } from "../functions/manifests/cors";
import { EXPORTS_PREFIX } from "../functions/manifests/grants";
import { type AttachmentAccess, QUEUES, type QueueName } from "../functions/manifests/routes";
import { type IndexDesign, TABLE_DESIGN } from "../functions/manifests/table-design";
import type { AccessLevel } from "./access";
import {
  emailConfigurationSetName,
  SIGN_IN_RETURN_PATH,
  type StageConfig,
  signInCallbackUrls,
  signInDomainPrefix,
  uploadOrigins,
} from "./config";
import { alarmsNotify } from "./constructs/alarms";
import { deadLetterAlarm } from "./constructs/dead-letter-alarm";

/** Messages are retried this many times before they land in the queue's dead-letter queue. */
export const MAX_RECEIVE_COUNT = 5;

/**
 * Days a message is kept, in work queues and dead-letter queues alike: SQS's maximum, so that a
 * consumer outage (or, for notifications, a consumer not deployed yet) delays work without losing it.
 */
export const QUEUE_RETENTION_DAYS = 14;

/**
 * Visibility timeout of the work queues. AWS guidance for Lambda consumers: at least six times the
 * consumer's timeout (plus the batching window), so a message is not redelivered while a slow or
 * throttled invocation still holds it. Consumers are job functions (`lambda.jobTimeoutSeconds`).
 */
export function queueVisibilityTimeout(config: StageConfig): Duration {
  return Duration.seconds(config.lambda.jobTimeoutSeconds * 6);
}

export interface StatefulStackProps extends StackProps {
  readonly config: StageConfig;
}

/** A work queue and the dead-letter queue that catches what its consumer cannot process. */
export interface QueueWithDlq {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
}

/**
 * Everything that holds data: the table, the attachments bucket, the queues and the staff user pool.
 * All of it is retained on stack deletion and protected against accidental deletion; the stateless
 * stack receives these resources through typed props and can be destroyed and redeployed freely.
 */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly attachmentsBucket: Bucket;
  readonly accessLogsBucket: Bucket;
  /** Object access to the attachments bucket, per access level, for function roles to attach. */
  /** One managed policy per attachment access (functions/manifests/routes.ts AttachmentAccess). */
  readonly attachmentsPolicies: Readonly<Record<AttachmentAccess, ManagedPolicy>>;
  /** Get (read) and put (readWrite) of staff export files, under exports/ only. */
  readonly exportsPolicies: Readonly<Record<AccessLevel, ManagedPolicy>>;
  readonly queues: Readonly<Record<QueueName, QueueWithDlq>>;
  /** The operators' topic: every alarm of both stacks notifies it (stage `operators.emails`). */
  readonly operatorsTopic: Topic;
  /** Batches of the table's stream that the router failed on (their shard and sequence numbers). */
  readonly streamFailures: Queue;
  readonly streamFailuresAlarm: Alarm;
  /** The per-deployment secret reporters' access tokens are derived with (docs/decisions.md). */
  readonly accessTokenSecret: Secret;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /** The web console's client: Cognito's managed login, authorization code with PKCE, no secret. */
  readonly webClient: UserPoolClient;
  /** The managed login domain (web.signInDomainPrefix). */
  readonly signInDomain: UserPoolDomain;
  /**
   * The SES configuration set every e-mail is sent with: SES's suppression list keeps addresses that
   * bounced or complained from receiving more mail, and reputation metrics feed the alarms below.
   */
  readonly emailConfigurationSet: ConfigurationSet;
  /** Alarms on the account's SES bounce and complaint rates (SES reviews an account above 5% / 0.1%). */
  readonly emailReputationAlarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.table = new TableV2(this, "Table", {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryptionV2.awsManagedKey(),
      timeToLiveAttribute: TABLE_DESIGN.ttlAttribute,
      // Read by one function (route-changes), which routes written reports to the queues.
      dynamoStream: StreamViewType[TABLE_DESIGN.streamView],
      globalSecondaryIndexes: Object.entries(TABLE_DESIGN.indexes).map(([name, design]) =>
        globalSecondaryIndex(name, design),
      ),
    });

    this.accessLogsBucket = new Bucket(this, "AccessLogsBucket", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          transitions: [{ storageClass: StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) }],
          expiration: Duration.days(Math.max(config.logRetentionDays, 365)),
        },
      ],
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: "AwsSolutions-S1",
      reason:
        "This bucket is the server-access-log target of the attachments bucket; logging it into " +
        "itself would log its own log deliveries, and a third bucket would only move the problem.",
    });

    // The files bucket's CORS rule (functions/manifests/cors.ts), for the stage's browser origins.
    const origins = uploadOrigins(config);
    this.attachmentsBucket = new Bucket(this, "AttachmentsBucket", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: "attachments/",
      cors:
        origins.length > 0
          ? [
              {
                allowedMethods: UPLOAD_CORS_POLICY.allowMethods.map((method) => HttpMethods[method]),
                allowedOrigins: origins,
                allowedHeaders: [...UPLOAD_CORS_POLICY.allowHeaders],
                exposedHeaders: [...UPLOAD_CORS_POLICY.exposeHeaders],
                maxAge: UPLOAD_CORS_POLICY.maxAgeSeconds,
              },
            ]
          : undefined,
      lifecycleRules: [
        // Objects replaced or deleted must not linger as noncurrent versions (the bucket is
        // versioned). Checked files are kept as long as their report.
        { noncurrentVersionExpiration: Duration.days(7) },
        // Announced but never checked (abandoned, or the check failed for good): gone in a day.
        {
          prefix: INCOMING_PREFIX,
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Staff exports are kept 7 days (functions/domain/exports.ts EXPORT_RETENTION_DAYS).
        { prefix: EXPORTS_PREFIX, expiration: Duration.days(EXPORT_RETENTION_DAYS) },
      ],
    });

    this.accessTokenSecret = new Secret(this, "AccessTokenSecret", {
      description: `Aduan ${config.stage}: derives reporters' access tokens on idempotent intake`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessTokenSecret).acknowledge({
      id: "AwsSolutions-SMG4",
      reason:
        "Rotated by hand on a schedule the deployer chooses (docs/decisions.md): the secret only " +
        "re-derives tokens for intake replays within 24 hours, and the function reads the previous " +
        "version too, so a rotation Lambda would add code and a role for no gain.",
    });

    // Every alarm of the stage reaches a person: through this topic (alarms.ts adds it to each).
    this.operatorsTopic = new Topic(this, "OperatorsTopic", {
      displayName: `Aduan ${config.stage} alarms`,
      enforceSSL: true,
    });
    for (const email of config.operators.emails)
      this.operatorsTopic.addSubscription(new EmailSubscription(email));
    Validations.of(this.operatorsTopic).acknowledge({
      id: "AwsSolutions-SNS2",
      reason:
        "CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, and a " +
        "customer key would cost a KMS key per stage for messages that carry only alarm names and " +
        "states, never report data.",
    });
    alarmsNotify(this, this.operatorsTopic);

    this.emailConfigurationSet = new ConfigurationSet(this, "EmailConfigurationSet", {
      configurationSetName: emailConfigurationSetName(config),
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    const reputation = (metricName: string) =>
      new Metric({ namespace: "AWS/SES", metricName, statistic: "Maximum", period: Duration.hours(1) });
    this.emailReputationAlarms = [
      new Alarm(this, "EmailBounceRateAlarm", {
        alarmDescription:
          "More than 5% of e-mails bounced (SES puts an account under review there, and pauses it at 10%): " +
          "check the sender identity and where reporters' addresses come from.",
        metric: reputation("Reputation.BounceRate"),
        threshold: 0.05,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, "EmailComplaintRateAlarm", {
        alarmDescription:
          "More than 0.1% of e-mails were marked as spam (SES reviews an account there, and pauses it at 0.5%).",
        metric: reputation("Reputation.ComplaintRate"),
        threshold: 0.001,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];

    this.queues = Object.fromEntries(
      (Object.keys(QUEUES) as QueueName[]).map((name) => [name, this.queueWithDlq(name, config)]),
    ) as Record<QueueName, QueueWithDlq>;

    this.attachmentsPolicies = {
      announce: this.objectsPolicy("AttachmentsAnnouncePolicy", "sign uploads to incoming/", [
        { actions: ["s3:PutObject"], prefix: INCOMING_PREFIX },
      ]),
      download: this.objectsPolicy("AttachmentsDownloadPolicy", "sign downloads of checked files", [
        { actions: ["s3:GetObject"], prefix: CLEAN_PREFIX },
      ]),
      check: this.objectsPolicy(
        "AttachmentsCheckPolicy",
        "read and remove every version of uploads, write checked files",
        [
          { actions: ["s3:GetObject", "s3:DeleteObject", "s3:DeleteObjectVersion"], prefix: INCOMING_PREFIX },
          { actions: ["s3:PutObject"], prefix: CLEAN_PREFIX },
        ],
        // Deleting every version needs their ids: listing versions, of uploads only.
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ["s3:ListBucketVersions"],
          resources: [this.attachmentsBucket.bucketArn],
          conditions: { StringLike: { "s3:prefix": [`${INCOMING_PREFIX}*`] } },
        }),
      ),
    };
    // Uploads land in incoming/; the check job hears of each through the attachments queue.
    this.attachmentsBucket.addEventNotification(
      EventType.OBJECT_CREATED,
      new SqsDestination(this.queues.attachments.queue),
      { prefix: INCOMING_PREFIX },
    );
    // CDK sets bucket notifications through its own deploy-time custom resource (a singleton).
    const notificationsHandler = this.node
      .findAll()
      .find((construct) => construct.node.id.startsWith("BucketNotificationsHandler"));
    if (notificationsHandler)
      Validations.of(notificationsHandler).acknowledge(
        {
          id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
          reason:
            "CDK's own deploy-time function that writes the bucket's notification configuration; it runs " +
            "only during deployments and its role and policy are generated by aws-s3 (not configurable).",
        },
        {
          id: "AwsSolutions-IAM5[Resource::*]",
          reason:
            "CDK's deploy-time notification function calls s3:PutBucketNotification, which it scopes to " +
            "'*' by design; it runs only during deployments.",
        },
      );
    this.exportsPolicies = {
      read: this.objectsPolicy("ExportsReadPolicy", "sign downloads of staff exports", [
        { actions: ["s3:GetObject"], prefix: EXPORTS_PREFIX },
      ]),
      readWrite: this.objectsPolicy(
        "ExportsReadWritePolicy",
        "write staff exports and sign their downloads",
        [{ actions: ["s3:GetObject", "s3:PutObject"], prefix: EXPORTS_PREFIX }],
      ),
    };

    // Where the stream reader puts the position of a batch it failed on after its retries: the
    // records are still in the stream for 24 h, and `npm run stats:rebuild` recovers the figures.
    this.streamFailures = new Queue(this, "StreamFailuresQueue", {
      retentionPeriod: Duration.days(QUEUE_RETENTION_DAYS),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.streamFailures).acknowledge({
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself the failure destination (a dead letter) of the stream's event source " +
        "mapping; nothing consumes it, and its alarm tells a human.",
    });
    this.streamFailuresAlarm = deadLetterAlarm(
      this,
      "StreamFailuresAlarm",
      this.streamFailures,
      "A batch of the table's stream could not be routed to the queues after every retry.",
    );

    this.userPool = new UserPool(this, "StaffUserPool", {
      // Staff accounts are created by administrators; citizens never sign in.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        [AGENCY_ID_ATTRIBUTE]: new StringAttribute({ mutable: true, minLen: 1, maxLen: 64 }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Staff read confidential reports and reporters' contact details: a second factor is required.
      // TOTP only: SMS costs money per message, needs an SNS role and is open to SIM swapping.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      email: UserPoolEmail.withCognito(),
      featurePlan: config.cognito.featurePlan === "plus" ? FeaturePlan.PLUS : FeaturePlan.ESSENTIALS,
      standardThreatProtectionMode:
        config.cognito.featurePlan === "plus" ? StandardThreatProtectionMode.FULL_FUNCTION : undefined,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (config.cognito.featurePlan !== "plus") {
      Validations.of(this.userPool).acknowledge({
        id: "AwsSolutions-COG8",
        reason:
          `Stage "${config.stage}" runs the Essentials plan by configuration (lib/stages/${config.stage}.json ` +
          "cognito.featurePlan) to avoid the Plus per-MAU price; MFA is still required for every user.",
      });
    }

    for (const role of STAFF_ROLES) {
      this.userPool.addGroup(groupId(role), { groupName: role, description: `Aduan role ${role}` });
    }

    // What every staff app client shares: no secret (public clients), short-lived tokens, and staff
    // cannot move themselves to another agency — agency_id is readable in the ID token but writable
    // only by administrators (AdminUpdateUserAttributes).
    const staffClient = {
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      writeAttributes: new ClientAttributes().withStandardAttributes({
        fullname: true,
        locale: true,
        timezone: true,
      }),
    };
    this.userPoolClient = this.userPool.addClient("StaffClient", {
      ...staffClient,
      authFlows: { userSrp: true },
    });

    // The web console signs staff in through Cognito's managed login (same MFA, same pool) and
    // gets an ID token for the API: the authorization code flow, with PKCE from the browser.
    this.signInDomain = this.userPool.addDomain("SignInDomain", {
      cognitoDomain: { domainPrefix: signInDomainPrefix(config) },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const callbackUrls = signInCallbackUrls(config);
    this.webClient = this.userPool.addClient("WebConsoleClient", {
      ...staffClient,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        // Until the stage names its site, a return address that goes nowhere but this machine.
        callbackUrls:
          callbackUrls.length > 0 ? callbackUrls : [`http://localhost:3000${SIGN_IN_RETURN_PATH}`],
        logoutUrls:
          callbackUrls.length > 0
            ? callbackUrls.map((url) => new URL(url).origin)
            : ["http://localhost:3000"],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    });
    // Managed login needs a style; Cognito's own.
    new CfnManagedLoginBranding(this, "SignInBranding", {
      userPoolId: this.userPool.userPoolId,
      clientId: this.webClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }

  /** A managed policy of object actions under prefixes of the files bucket, its wildcards acknowledged. */
  private objectsPolicy(
    id: string,
    purpose: string,
    grants: readonly { readonly actions: readonly string[]; readonly prefix: string }[],
    ...extra: PolicyStatement[]
  ): ManagedPolicy {
    const policy = new ManagedPolicy(this, id, {
      description: `Aduan files: ${purpose}`,
      statements: [
        ...grants.map(
          (grant) =>
            new PolicyStatement({
              effect: Effect.ALLOW,
              actions: [...grant.actions],
              resources: [this.attachmentsBucket.arnForObjects(`${grant.prefix}*`)],
            }),
        ),
        ...extra,
      ],
    });
    for (const grant of grants) {
      // The finding id embeds the resource exactly as cdk-nag renders it; compute it the same way.
      const objects = this.attachmentsBucket.arnForObjects(`${grant.prefix}*`);
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(this.resolve(objects))}]`,
        reason:
          `Object keys are generated per report and attachment, so the grant is every object under ${grant.prefix} ` +
          "of this one bucket; no other prefix, no wildcard actions.",
      });
    }
    return policy;
  }

  private queueWithDlq(name: QueueName, config: StageConfig): QueueWithDlq {
    const id = pascal(name);
    const deadLetterQueue = new Queue(this, `${id}DeadLetterQueue`, {
      retentionPeriod: Duration.days(QUEUE_RETENTION_DAYS),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const queue = new Queue(this, `${id}Queue`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: queueVisibilityTimeout(config),
      retentionPeriod: Duration.days(QUEUE_RETENTION_DAYS),
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: MAX_RECEIVE_COUNT },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const alarm = deadLetterAlarm(
      this,
      `${id}DeadLetterAlarm`,
      deadLetterQueue,
      `Messages from the ${name} queue failed ${MAX_RECEIVE_COUNT} times and wait in its DLQ.`,
    );
    return { queue, deadLetterQueue, deadLetterAlarm: alarm };
  }
}

function globalSecondaryIndex(indexName: string, design: IndexDesign): GlobalSecondaryIndexPropsV2 {
  const keys = {
    indexName,
    partitionKey: { name: design.partitionKey, type: AttributeType.STRING },
    sortKey: { name: design.sortKey, type: AttributeType.STRING },
  };
  return design.projection === "ALL"
    ? { ...keys, projectionType: ProjectionType.ALL }
    : { ...keys, projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...design.projection] };
}

function pascal(name: string): string {
  return name.replace(/(^|[-_])([a-z])/g, (_match, _sep, letter: string) => letter.toUpperCase());
}

function groupId(role: StaffRole): string {
  return `${pascal(role)}Group`;
}
