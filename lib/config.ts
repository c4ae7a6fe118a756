import { readFileSync } from "node:fs";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import * as z from "zod";

/**
 * Stage configuration: one JSON file per stage in lib/stages/<stage>.json, parsed here with zod.
 * A bad file stops `cdk synth` before any construct is built, with a message naming each bad field.
 *
 * Stateful resources are always protected (RETAIN, deletion protection, PITR): there is deliberately
 * no switch for that here, so a typo in a stage file can never make production data disposable.
 */

const ALLOWED_RETENTION_DAYS = Object.values(RetentionDays).filter((v): v is number => typeof v === "number");

const STAGE_NAME = /^[a-z][a-z0-9-]{1,15}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
/** EventBridge Scheduler syntax: `rate(15 minutes)` or a 6-field `cron(...)`. */
const SCHEDULE = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(\S+( \S+){5}\))$/;

const Origin = z.string().refine((value) => value === "*" || /^https?:\/\/[^/\s]+$/.test(value), {
  message: 'must be "*" or an origin like https://lapor.example.go.id (scheme and host, no path)',
});

const WorkingDays = z.number().int().min(1).max(365);

export const StageConfigSchema = z.object({
  /** Stage name; becomes part of stack names (`Aduan-<stage>-Stateful`). */
  stage: z.string().regex(STAGE_NAME, "lowercase letters, digits and dashes, 2-16 characters"),
  /** @default ap-southeast-3 (Jakarta) */
  region: z.string().regex(REGION, "an AWS region such as ap-southeast-3").default("ap-southeast-3"),
  /** Target account; omitted = environment-agnostic synth (the CLI's credentials decide). */
  account: z
    .string()
    .regex(/^\d{12}$/, "a 12-digit AWS account id")
    .optional(),
  api: z
    .object({
      throttling: z
        .object({
          /** Steady-state requests per second for the whole stage. @default 50 */
          rateLimit: z.number().positive().default(50),
          /** Burst bucket size. @default 100 */
          burstLimit: z.number().int().positive().default(100),
        })
        .prefault({}),
      /** Browser origins allowed by CORS on the API and the attachments bucket. @default none */
      corsAllowedOrigins: z.array(Origin).default([]),
    })
    .prefault({}),
  /** CloudWatch Logs retention for function and access logs; must be a value CloudWatch accepts. */
  logRetentionDays: z
    .number()
    .int()
    .refine((days) => ALLOWED_RETENTION_DAYS.includes(days), {
      message: `must be one of ${ALLOWED_RETENTION_DAYS.join(", ")}`,
    })
    .default(30),
  lambda: z
    .object({
      /** @default 512 (MB) */
      memorySize: z.number().int().min(128).max(10240).default(512),
      /** HTTP API integrations time out at 30 s, so handlers must finish well before. @default 10 */
      timeoutSeconds: z.number().int().min(1).max(29).default(10),
    })
    .prefault({}),
  cognito: z
    .object({
      /**
       * `plus` turns on threat protection (compromised-credential and adaptive-auth checks) for
       * staff accounts, at a per-MAU price; `essentials` is cheaper and is acknowledged in cdk-nag.
       * @default plus
       */
      featurePlan: z.enum(["plus", "essentials"]).default("plus"),
    })
    .prefault({}),
  /** IANA time zone of the working-day calendar. @default Asia/Jakarta */
  timeZone: z
    .string()
    .refine(isTimeZone, { message: "an IANA time zone such as Asia/Jakarta" })
    .default("Asia/Jakarta"),
  /** How often the overdue sweep runs. @default rate(15 minutes) */
  sweepSchedule: z
    .string()
    .regex(SCHEDULE, "rate(<n> minutes|hours|days) or a 6-field cron(...)")
    .default("rate(15 minutes)"),
  /** Deployment-wide SLA defaults (PRODUCT.md §4); agencies and categories may override them. */
  sla: z
    .object({
      verificationWorkingDays: WorkingDays.default(3),
      firstFollowUpWorkingDays: WorkingDays.default(5),
      autoResolveWorkingDays: WorkingDays.default(10),
      holdExpiryDays: WorkingDays.default(30),
      resolutionDays: WorkingDays.default(60),
      escalationGraceWorkingDays: WorkingDays.default(2),
    })
    .prefault({}),
  /** Pass mark for %TL (followed up / received), in percent. @default 60 */
  passingGradePercent: z.number().min(0).max(100).default(60),
});

export type StageConfig = z.infer<typeof StageConfigSchema>;
export type StageConfigInput = z.input<typeof StageConfigSchema>;

export class StageConfigError extends Error {
  override readonly name = "StageConfigError";
}

/** Parses raw stage settings; throws a StageConfigError naming every bad field. */
export function parseStageConfig(raw: unknown, source = "stage configuration"): StageConfig {
  const parsed = StageConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join(".") : "(root)";
      return `${field}: ${issue.message}`;
    });
    throw new StageConfigError(`Invalid ${source}: ${problems.join("; ")}`);
  }
  return parsed.data;
}

/** Reads and parses lib/stages/<stage>.json; the file's `stage` must match its name. */
export function loadStageConfig(stage: string): StageConfig {
  if (!STAGE_NAME.test(stage)) {
    throw new StageConfigError(`Invalid stage name "${stage}": lowercase letters, digits and dashes`);
  }
  const file = new URL(`./stages/${stage}.json`, import.meta.url);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new StageConfigError(`Unknown stage "${stage}": create lib/stages/${stage}.json`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StageConfigError(`lib/stages/${stage}.json is not valid JSON: ${(error as Error).message}`);
  }
  const config = parseStageConfig(raw, `lib/stages/${stage}.json`);
  if (config.stage !== stage) {
    throw new StageConfigError(
      `lib/stages/${stage}.json: stage: must be "${stage}", found "${config.stage}"`,
    );
  }
  return config;
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
