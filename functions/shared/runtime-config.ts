import * as z from "zod";

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

const RuntimeConfigSchema = z.object({
  /** Absent for a function without table access (the stream router). */
  tableName: z.string().min(1).optional(),
  stage: z.string().min(1).default("local"),
  notificationsQueueUrl: z.string().min(1).optional(),
  webhooksQueueUrl: z.string().min(1).optional(),
  escalationsQueueUrl: z.string().min(1).optional(),
  reindexQueueUrl: z.string().min(1).optional(),
  figuresQueueUrl: z.string().min(1).optional(),
  exportsQueueUrl: z.string().min(1).optional(),
  attachmentsQueueUrl: z.string().min(1).optional(),
  exportsBucket: z.string().min(1).optional(),
  s3ForcePathStyle: z.enum(["true", "false"]).optional(),
  attachmentRules: z.string().min(2).optional(),
  s3UploadEndpoint: z.string().url().optional(),
  attachmentsBucket: z.string().min(1).optional(),
  accessTokenSecretArn: z.string().min(1).optional(),
  accessTokenSecretFile: z.string().min(1).optional(),
  directoryCacheSeconds: z.coerce.number().int().min(0).max(3600).optional(),
  calendar: z.string().min(2).optional(),
  sla: z.string().min(2).optional(),
  passingGradePercent: z.coerce.number().min(0).max(100).optional(),
  rankingMinReceived: z.coerce.number().int().min(0).optional(),
  emailFrom: z.string().min(3).optional(),
  emailConfigurationSet: z.string().min(1).optional(),
  trackingUrl: z.string().includes("{trackingId}").optional(),
  staffReportUrl: z.string().includes("{trackingId}").optional(),
  webhookRetrySeconds: z.string().min(2).optional(),
  apiKeyRequestsPerMinute: z.coerce.number().int().min(1).max(100_000).optional(),
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
