import * as z from "../domain/zod";

/**
 * Runtime configuration of every function, read from the environment once per cold start.
 * The CDK stateless stack and the local server set exactly these variables (ENV names are shared).
 * Business code never reads process.env: it receives this object through the composition root.
 */
export const ENV = {
  tableName: "TABLE_NAME",
  stage: "STAGE",
  notificationsQueueUrl: "NOTIFICATIONS_QUEUE_URL",
  webhooksQueueUrl: "WEBHOOKS_QUEUE_URL",
  escalationsQueueUrl: "ESCALATIONS_QUEUE_URL",
  reindexQueueUrl: "REINDEX_QUEUE_URL",
  figuresQueueUrl: "FIGURES_QUEUE_URL",
  exportsQueueUrl: "EXPORTS_QUEUE_URL",
  attachmentsQueueUrl: "ATTACHMENTS_QUEUE_URL",
  attachmentsBucket: "ATTACHMENTS_BUCKET",
  /** The bucket staff exports are written to (under exports/): the attachments bucket. */
  exportsBucket: "EXPORTS_BUCKET",
  /** JSON `{contentTypes, maxBytes, maxPerReport, uploadSeconds}`: the stage's attachment limits. */
  attachmentRules: "ATTACHMENT_RULES_JSON",
  /** Locally only: the base URL presigned uploads go to (the server that enforces their policy). */
  s3UploadEndpoint: "S3_UPLOAD_ENDPOINT",
  /** Path-style S3 URLs (the local S3 server); AWS uses virtual-hosted style. */
  s3ForcePathStyle: "S3_FORCE_PATH_STYLE",
  /** Secrets Manager secret (ARN) access tokens are derived with; in AWS. */
  accessTokenSecretArn: "ACCESS_TOKEN_SECRET_ARN",
  /** The same secret as a local JSON file `{current, previous?}`; under `npm start`. */
  accessTokenSecretFile: "ACCESS_TOKEN_SECRET_FILE",
  /** Seconds a container keeps the agency and category directory. @default 60 */
  directoryCacheSeconds: "DIRECTORY_CACHE_SECONDS",
  /** JSON `{timeZone, holidays: ["YYYY-MM-DD", …], workingDays?: [1..7]}` — the working-day calendar. */
  calendar: "CALENDAR_JSON",
  /** JSON `{defaults: SlaPolicy, byAgency?: {id: Partial}, byCategory?: {code: Partial}}`. */
  sla: "SLA_JSON",
  /** The deployment's passing grade for %TL (agencies may override it). @default 60 */
  passingGradePercent: "PASSING_GRADE_PERCENT",
  /** Children with fewer received reports are listed apart, not ranked. @default 10 */
  rankingMinReceived: "RANKING_MIN_RECEIVED",
  /** The sender of every e-mail, e.g. `Aduan <no-reply@lapor.example.go.id>` (an SES identity). */
  emailFrom: "EMAIL_FROM",
  /** The SES configuration set (suppression of bounced addresses, reputation metrics); in AWS. */
  emailConfigurationSet: "EMAIL_CONFIGURATION_SET",
  /** The reporter's page of a report; `{trackingId}` is replaced. */
  trackingUrl: "TRACKING_URL",
  /** The staff console's page of a report; `{trackingId}` is replaced. */
  staffReportUrl: "STAFF_REPORT_URL",
  /** JSON array: seconds before webhook attempt 2, 3, … (the stage's backoff). */
  webhookRetrySeconds: "WEBHOOK_RETRY_SECONDS",
  /** Requests an API key may make a minute. @default 120 */
  apiKeyRequestsPerMinute: "API_KEY_REQUESTS_PER_MINUTE",
} as const;

/** An optional variable that, when set, holds at least `min` characters. */
const optionalText = (min = 1) => z.optional(z.string().check(z.minLength(min)));

const RuntimeConfigSchema = z.object({
  /** Absent for a function without table access (the stream router). */
  tableName: optionalText(),
  stage: z._default(z.string().check(z.minLength(1)), "local"),
  notificationsQueueUrl: optionalText(),
  webhooksQueueUrl: optionalText(),
  escalationsQueueUrl: optionalText(),
  reindexQueueUrl: optionalText(),
  figuresQueueUrl: optionalText(),
  exportsQueueUrl: optionalText(),
  attachmentsQueueUrl: optionalText(),
  exportsBucket: optionalText(),
  s3ForcePathStyle: z.optional(z.enum(["true", "false"])),
  attachmentRules: optionalText(2),
  s3UploadEndpoint: z.optional(z.url()),
  attachmentsBucket: optionalText(),
  accessTokenSecretArn: optionalText(),
  accessTokenSecretFile: optionalText(),
  directoryCacheSeconds: z.optional(z.coerce.number().check(z.int(), z.gte(0), z.lte(3600))),
  calendar: optionalText(2),
  sla: optionalText(2),
  passingGradePercent: z.optional(z.coerce.number().check(z.gte(0), z.lte(100))),
  rankingMinReceived: z.optional(z.coerce.number().check(z.int(), z.gte(0))),
  emailFrom: optionalText(3),
  emailConfigurationSet: optionalText(),
  trackingUrl: z.optional(z.string().check(z.includes("{trackingId}"))),
  staffReportUrl: z.optional(z.string().check(z.includes("{trackingId}"))),
  webhookRetrySeconds: optionalText(2),
  apiKeyRequestsPerMinute: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100_000))),
});

export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

export function readRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const raw = Object.fromEntries(Object.entries(ENV).map(([key, name]) => [key, env[name] || undefined]));
  const parsed = RuntimeConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof typeof ENV;
      return `${ENV[key] ?? key}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid runtime configuration (environment): ${problems.join("; ")}`);
  }
  return parsed.data;
}
