import { Match } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { AGENCY_ID_ATTRIBUTE, STAFF_ROLES } from "../../functions/domain/constants";
import { QUEUES, type QueueName } from "../../functions/manifests/routes";
import { TABLE_DESIGN } from "../../functions/manifests/table-design";
import { MAX_RECEIVE_COUNT } from "../../lib/stateful-stack";
import { type Cfn, logicalId, must, resourcesOf, type SynthesizedApp, synthApp } from "./helpers";

let prod: SynthesizedApp;
let dev: SynthesizedApp;

beforeAll(() => {
  prod = synthApp({ stage: "prod" });
  dev = synthApp({ stage: "dev" });
});

describe("table", () => {
  it("is protected: PITR, deletion protection, retained, encrypted with the AWS managed key", () => {
    const id = logicalId(prod.stateful.table);
    const table = prod.statefulTemplate.toJSON().Resources[id];

    expect(table.Type).toBe("AWS::DynamoDB::GlobalTable");
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.UpdateReplacePolicy).toBe("Retain");
    expect(table.Properties.BillingMode).toBe("PAY_PER_REQUEST");
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: "KMS" });
    expect(table.Properties.Replicas).toHaveLength(1);
    expect(table.Properties.Replicas[0]).toMatchObject({
      DeletionProtectionEnabled: true,
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(table.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: TABLE_DESIGN.ttlAttribute,
      Enabled: true,
    });
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: TABLE_DESIGN.partitionKey, KeyType: "HASH" },
      { AttributeName: TABLE_DESIGN.sortKey, KeyType: "RANGE" },
    ]);
  });

  it("has every index of TABLE_DESIGN with its keys and projection", () => {
    const table = prod.statefulTemplate.toJSON().Resources[logicalId(prod.stateful.table)];
    const indexes = table.Properties.GlobalSecondaryIndexes as Record<string, Cfn>[];

    expect(indexes.map((index) => index.IndexName).sort()).toEqual(Object.keys(TABLE_DESIGN.indexes).sort());
    for (const [name, design] of Object.entries(TABLE_DESIGN.indexes)) {
      const index = indexes.find((candidate) => candidate.IndexName === name);
      expect(index?.KeySchema).toEqual([
        { AttributeName: design.partitionKey, KeyType: "HASH" },
        { AttributeName: design.sortKey, KeyType: "RANGE" },
      ]);
      const projection =
        design.projection === "ALL"
          ? { ProjectionType: "ALL" }
          : { ProjectionType: "INCLUDE", NonKeyAttributes: [...design.projection] };
      expect(index?.Projection).toEqual(projection);
    }
  });
});

describe("attachments bucket", () => {
  it("blocks public access, is encrypted, versioned, logged and retained", () => {
    const id = logicalId(prod.stateful.attachmentsBucket);
    const bucket = prod.statefulTemplate.toJSON().Resources[id];

    expect(bucket.DeletionPolicy).toBe("Retain");
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toMatchObject({
      ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" },
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: "Enabled" });
    expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toEqual({
      Ref: logicalId(prod.stateful.accessLogsBucket),
    });
  });

  it("keeps staff exports 7 days, and their policies reach exports/ objects only", () => {
    const bucket = prod.statefulTemplate.toJSON().Resources[logicalId(prod.stateful.attachmentsBucket)];
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Prefix: "exports/", ExpirationInDays: 7, Status: "Enabled" }),
      ]),
    );
    for (const level of ["read", "readWrite"] as const) {
      const policy =
        prod.statefulTemplate.toJSON().Resources[logicalId(prod.stateful.exportsPolicies[level])];
      const [statement] = policy.Properties.PolicyDocument.Statement;
      expect(statement.Action).toEqual(level === "read" ? "s3:GetObject" : ["s3:GetObject", "s3:PutObject"]);
      expect(JSON.stringify(statement.Resource)).toContain('"/exports/*"');
    }
  });

  it("denies every request that is not over TLS", () => {
    for (const bucket of [prod.stateful.attachmentsBucket, prod.stateful.accessLogsBucket]) {
      prod.statefulTemplate.hasResourceProperties("AWS::S3::BucketPolicy", {
        Bucket: { Ref: logicalId(bucket) },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: "Deny",
              Action: "s3:*",
              Principal: { AWS: "*" },
              Condition: { Bool: { "aws:SecureTransport": "false" } },
            }),
          ]),
        },
      });
    }
  });

  it("allows browser uploads (POST) and downloads (GET) only from the stage's configured origins", () => {
    const devBucket = dev.statefulTemplate.toJSON().Resources[logicalId(dev.stateful.attachmentsBucket)];
    const prodBucket = prod.statefulTemplate.toJSON().Resources[logicalId(prod.stateful.attachmentsBucket)];

    expect(devBucket.Properties.CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({
        AllowedMethods: ["POST", "GET", "HEAD"],
        AllowedOrigins: dev.config.api.corsAllowedOrigins,
      }),
    ]);
    expect(prod.config.api.corsAllowedOrigins).toEqual([]);
    expect(prodBucket.Properties.CorsConfiguration).toBeUndefined();
  });

  it("tells the attachments queue of every upload under incoming/, and drops abandoned uploads in a day", () => {
    const resources = prod.statefulTemplate.toJSON().Resources;
    const [notification] = resourcesOf(prod.statefulTemplate, "Custom::S3BucketNotifications");
    const queueConfig = must(notification, "bucket notification")[1].Properties.NotificationConfiguration
      .QueueConfigurations;
    expect(queueConfig).toEqual([
      {
        Events: ["s3:ObjectCreated:*"],
        Filter: { Key: { FilterRules: [{ Name: "prefix", Value: "incoming/" }] } },
        QueueArn: { "Fn::GetAtt": [logicalId(prod.stateful.queues.attachments.queue), "Arn"] },
      },
    ]);
    const rules =
      resources[logicalId(prod.stateful.attachmentsBucket)].Properties.LifecycleConfiguration.Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Prefix: "incoming/",
          ExpirationInDays: 1,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        }),
      ]),
    );
  });

  it("lets only the check delete versions, and list versions of incoming/ only", () => {
    const policies = prod.stateful.attachmentsPolicies;
    const statementsOf = (level: keyof typeof policies) =>
      prod.statefulTemplate.toJSON().Resources[logicalId(policies[level])].Properties.PolicyDocument
        .Statement as Cfn[];
    const actions = (level: keyof typeof policies) => statementsOf(level).flatMap((st) => [st.Action].flat());
    expect(actions("announce")).toEqual(["s3:PutObject"]);
    expect(actions("download")).toEqual(["s3:GetObject"]);
    expect(actions("check").sort()).toEqual(
      [
        "s3:DeleteObject",
        "s3:DeleteObjectVersion",
        "s3:GetObject",
        "s3:ListBucketVersions",
        "s3:PutObject",
      ].sort(),
    );
    const list = statementsOf("check").find((st) => st.Action === "s3:ListBucketVersions");
    expect(list?.Condition).toEqual({ StringLike: { "s3:prefix": ["incoming/*"] } });
    expect(JSON.stringify(statementsOf("download"))).toContain("/clean/*");
    expect(JSON.stringify(statementsOf("announce"))).toContain("/incoming/*");
  });
});

describe("queues", () => {
  it.each(Object.keys(QUEUES) as QueueName[])(
    "%s has an encrypted DLQ with a redrive policy and an alarm",
    (name) => {
      const { queue, deadLetterQueue } = prod.stateful.queues[name];
      const resources = prod.statefulTemplate.toJSON().Resources;
      const queueResource = resources[logicalId(queue)];
      const dlqId = logicalId(deadLetterQueue);
      const dlqResource = resources[dlqId];

      expect(queueResource.Properties.RedrivePolicy).toEqual({
        deadLetterTargetArn: { "Fn::GetAtt": [dlqId, "Arn"] },
        maxReceiveCount: MAX_RECEIVE_COUNT,
      });
      expect(queueResource.Properties.SqsManagedSseEnabled).toBe(true);
      expect(dlqResource.Properties.SqsManagedSseEnabled).toBe(true);
      expect(dlqResource.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      expect(queueResource.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      expect(queueResource.DeletionPolicy).toBe("Retain");
      expect(dlqResource.DeletionPolicy).toBe("Retain");

      for (const id of [logicalId(queue), dlqId]) {
        prod.statefulTemplate.hasResourceProperties("AWS::SQS::QueuePolicy", {
          Queues: [{ Ref: id }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
            ]),
          },
        });
      }

      const alarms = resourcesOf(prod.statefulTemplate, "AWS::CloudWatch::Alarm").filter(([, alarm]) =>
        (alarm.Properties.Dimensions ?? []).some(
          (dimension: Cfn) =>
            dimension.Name === "QueueName" &&
            JSON.stringify(dimension.Value) === JSON.stringify({ "Fn::GetAtt": [dlqId, "QueueName"] }),
        ),
      );
      expect(alarms).toHaveLength(1);
      expect(alarms[0]?.[1].Properties).toMatchObject({
        MetricName: "ApproximateNumberOfMessagesVisible",
        Namespace: "AWS/SQS",
        ComparisonOperator: "GreaterThanThreshold",
        Threshold: 0,
      });
    },
  );
});

describe("staff user pool", () => {
  it("is admin-only, email sign-in, strong passwords, TOTP MFA required, retained", () => {
    const pool = prod.statefulTemplate.toJSON().Resources[logicalId(prod.stateful.userPool)];

    expect(pool.DeletionPolicy).toBe("Retain");
    expect(pool.Properties.DeletionProtection).toBe("ACTIVE");
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(pool.Properties.UsernameAttributes).toEqual(["email"]);
    expect(pool.Properties.MfaConfiguration).toBe("ON");
    expect(pool.Properties.EnabledMfas).toEqual(["SOFTWARE_TOKEN_MFA"]);
    expect(pool.Properties.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(pool.Properties.Schema).toContainEqual(
      expect.objectContaining({ Name: AGENCY_ID_ATTRIBUTE, AttributeDataType: "String", Mutable: true }),
    );
    expect(pool.Properties.UserPoolTier).toBe("PLUS");
  });

  it("has one group per staff role", () => {
    const groups = resourcesOf(prod.statefulTemplate, "AWS::Cognito::UserPoolGroup").map(
      ([, group]) => group.Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...STAFF_ROLES].sort());
  });

  it("has a public SRP client that cannot write custom:agency_id", () => {
    const client = prod.statefulTemplate.toJSON().Resources[logicalId(prod.stateful.userPoolClient)];

    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.ExplicitAuthFlows).toContain("ALLOW_USER_SRP_AUTH");
    expect(client.Properties.ExplicitAuthFlows).not.toContain("ALLOW_USER_PASSWORD_AUTH");
    expect(client.Properties.WriteAttributes).not.toContain(`custom:${AGENCY_ID_ATTRIBUTE}`);
  });
});

describe("access-token secret", () => {
  it("is generated per deployment, retained, and read only by intake", () => {
    const id = logicalId(prod.stateful.accessTokenSecret);
    const secret = prod.statefulTemplate.toJSON().Resources[id];
    expect(secret.Type).toBe("AWS::SecretsManager::Secret");
    expect(secret.DeletionPolicy).toBe("Retain");
    expect(secret.Properties.GenerateSecretString).toMatchObject({
      PasswordLength: 64,
      ExcludePunctuation: true,
    });
    expect(secret.Properties.SecretString).toBeUndefined();
  });
});
