/**
 * What a function's access (RouteAccess, from the route and job manifests) gives it, declared once
 * for the CDK and the local server: the environment variables it receives and the AWS API calls it
 * may make. The CDK turns these into IAM statements and function environment
 * (lib/constructs/handler-function.ts); `npm start` gives each locally served handler exactly this
 * environment and SDK clients that refuse every other call (local/grants.ts), so a missing or too
 * narrow grant fails locally and in tests, not first in AWS.
 */

import { CLEAN_PREFIX, INCOMING_PREFIX } from "../domain/attachments";
import { ENV } from "../shared/runtime-config";
import type { AttachmentAccess, QueueName, RouteAccess } from "./routes";

/** DynamoDB API calls per table access level (IAM actions: lib/access.ts). */
export const TABLE_COMMANDS = {
  read: ["GetItem", "BatchGetItem", "Query", "TransactGetItems"],
  readWrite: [
    "GetItem",
    "BatchGetItem",
    "Query",
    "TransactGetItems",
    "PutItem",
    "UpdateItem",
    "DeleteItem",
    "BatchWriteItem",
    "TransactWriteItems",
  ],
} as const;

/** Where staff exports live in the files bucket; a lifecycle rule deletes them after 7 days. */
export const EXPORTS_PREFIX = "exports/";

/** S3 API calls per export access level, on keys under EXPORTS_PREFIX only (IAM: lib/stateful-stack.ts). */
export const EXPORT_COMMANDS: Readonly<Record<"read" | "readWrite", readonly (readonly [string, string])[]>> =
  {
    read: [["GetObject", EXPORTS_PREFIX]],
    // Multipart uploads are authorised by s3:PutObject.
    readWrite: [
      "GetObject",
      "PutObject",
      "CreateMultipartUpload",
      "UploadPart",
      "CompleteMultipartUpload",
    ].map((command) => [command, EXPORTS_PREFIX] as const),
  };

/** Every S3 call `access` allows, as [command, key prefix] (exports' and attachments' together). */
export function s3Commands(access: RouteAccess): readonly (readonly [string, string])[] {
  return [
    ...(access.exports ? EXPORT_COMMANDS[access.exports] : []),
    ...(access.attachments ?? []).flatMap((level) => ATTACHMENT_COMMANDS[level]),
  ];
}

function union<T>(lists: (readonly T[] | undefined)[]): readonly T[] | undefined {
  const all = [...new Set(lists.flatMap((list) => list ?? []))];
  return all.length > 0 ? all : undefined;
}

/**
 * S3 API calls per attachment access, each on keys under one prefix (IAM: lib/stateful-stack.ts).
 * Signing an upload calls nothing, but the POST it signs needs PutObject on the signer's role.
 */
export const ATTACHMENT_COMMANDS: Readonly<Record<AttachmentAccess, readonly (readonly [string, string])[]>> =
  {
    announce: [["PutObject", INCOMING_PREFIX]],
    download: [["GetObject", CLEAN_PREFIX]],
    check: [
      ["GetObject", INCOMING_PREFIX],
      ["ListObjectVersions", INCOMING_PREFIX],
      ["DeleteObject", INCOMING_PREFIX],
      ["PutObject", CLEAN_PREFIX],
    ],
  };

/** Routes (or jobs) sharing one function share its grants: the union of their access. */
export function mergeAccess(accesses: readonly RouteAccess[]): RouteAccess {
  const level = <T extends string>(values: (T | undefined)[], strongest: T): T | undefined =>
    values.includes(strongest) ? strongest : values.find((value) => value !== undefined);
  const sendTo = [...new Set(accesses.flatMap((access) => access.sendTo ?? []))];
  return {
    table: level(
      accesses.map((access) => access.table),
      "readWrite",
    ),
    attachments: union(accesses.map((access) => access.attachments)),
    exports: level(
      accesses.map((access) => access.exports),
      "readWrite",
    ),
    sendTo: sendTo.length > 0 ? sendTo : undefined,
    tokenSecret: accesses.some((access) => access.tokenSecret === true) || undefined,
    email: accesses.some((access) => access.email === true) || undefined,
    apiKeys: accesses.some((access) => access.apiKeys === true) || undefined,
    channels: accesses.some((access) => access.channels === true) || undefined,
  };
}

/** Each function's grants: the union of the access of the routes (or jobs) it serves. */
export function accessByHandler(
  specs: readonly { readonly handler: string; readonly access: RouteAccess }[],
): ReadonlyMap<string, RouteAccess> {
  const byHandler = new Map<string, RouteAccess[]>();
  for (const spec of specs)
    byHandler.set(spec.handler, [...(byHandler.get(spec.handler) ?? []), spec.access]);
  return new Map([...byHandler].map(([handler, accesses]) => [handler, mergeAccess(accesses)]));
}

/** The environment variable that carries a queue's URL: ENV.<name>QueueUrl. */
export function queueUrlVariable(queueName: QueueName): string {
  const key = `${queueName}QueueUrl`;
  if (!(key in ENV)) {
    throw new Error(`functions/shared/runtime-config.ts ENV has no "${key}" for queue "${queueName}"`);
  }
  return ENV[key as keyof typeof ENV];
}

/**
 * The environment variables a function with `access` receives, besides STAGE (and NODE_OPTIONS in
 * AWS). `tokenSecret` is the Secrets Manager ARN in AWS and the secret file locally.
 */
export function environmentNames(access: RouteAccess, where: "aws" | "local"): string[] {
  return [
    // The directory cache's lifetime goes with table access, and only where set (default 60 s).
    ...(access.table
      ? [
          ENV.tableName,
          ENV.calendar,
          ENV.sla,
          ENV.passingGradePercent,
          ENV.rankingMinReceived,
          ...(where === "local" ? [ENV.directoryCacheSeconds] : []),
        ]
      : []),
    ...(access.sendTo ?? []).map(queueUrlVariable),
    ...(access.attachments
      ? [
          ENV.attachmentsBucket,
          ENV.attachmentRules,
          ...(where === "local" ? [ENV.s3ForcePathStyle, ENV.s3UploadEndpoint] : []),
        ]
      : []),
    ...(access.exports ? [ENV.exportsBucket, ...(where === "local" ? [ENV.s3ForcePathStyle] : [])] : []),
    ...(access.tokenSecret ? [where === "aws" ? ENV.accessTokenSecretArn : ENV.accessTokenSecretFile] : []),
    // The configuration set exists only in AWS (the local SES emulator has none).
    ...(access.email
      ? [
          ENV.emailFrom,
          ENV.trackingUrl,
          ENV.staffReportUrl,
          ...(where === "aws" ? [ENV.emailConfigurationSet] : []),
        ]
      : []),
    ...(access.apiKeys ? [ENV.apiKeyRequestsPerMinute] : []),
    // Whoever queues webhook attempts knows the stage's backoff.
    ...(access.sendTo?.includes("webhooks") ? [ENV.webhookRetrySeconds] : []),
  ];
}
