import { readFileSync } from "node:fs";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { DEFAULT_API_KEY_REQUESTS_PER_MINUTE } from "../functions/domain/api-keys";
import { attachmentRulesSchema, DEFAULT_ATTACHMENT_RULES } from "../functions/domain/attachments";
import { type CalendarConfig, calendarConfigSchema, holidayCoverageGaps } from "../functions/domain/calendar";
import {
  type HolidayEntry,
  INDONESIA_HOLIDAYS_2026,
  INDONESIA_HOLIDAYS_2027,
} from "../functions/domain/holidays-id";
import { LINK_PATHS } from "../functions/domain/notifications";
import {
  DEFAULT_SLA,
  type SlaOverrides,
  type SlaPolicy,
  slaOverridesByKeySchema,
  slaPolicySchema,
} from "../functions/domain/sla";
import { DEFAULT_WEBHOOK_RETRY_SECONDS, WebhookRetrySeconds } from "../functions/domain/webhooks";
import * as z from "../functions/domain/zod";
import type { JobTrigger } from "../functions/manifests/jobs";
import { ENV } from "../functions/shared/runtime-config";

/**
 * Stage configuration: one JSON file per stage in lib/stages/<stage>.json, parsed here with zod.
 * A bad file stops `cdk synth` before any construct is built, with a message naming each bad field.
 *
 * Stateful resources are always protected (RETAIN, deletion protection, PITR): there is deliberately
 * no switch for that here, so a typo in a stage file can never make production data disposable.
 */

const attachmentFields = attachmentRulesSchema.shape;

const ALLOWED_RETENTION_DAYS = Object.values(RetentionDays).filter((v): v is number => typeof v === "number");

const STAGE_NAME = /^[a-z][a-z0-9-]{1,15}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
/** EventBridge Scheduler syntax: `rate(15 minutes)` or a 6-field `cron(...)`. */
const SCHEDULE = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\(\S+( \S+){5}\))$/;

/** The example domain of the committed stage files: synth warns while a stage still uses it. */
export const PLACEHOLDER_DOMAIN = "lapor.example.go.id";

const Origin = z.string().check(
  z.refine((value) => value === "*" || /^https?:\/\/[^/\s]+$/.test(value), {
    message: 'must be "*" or an origin like https://lapor.example.go.id (scheme and host, no path)',
  }),
);

/**
 * Named holiday lists a stage can include by name (`calendar.holidaySets`). The data lives in
 * functions/domain/holidays-id.ts, next to its sources; add a set here when a new decree (SKB) is
 * published.
 */
export const HOLIDAY_SETS = {
  "ID-2026": INDONESIA_HOLIDAYS_2026,
  "ID-2027": INDONESIA_HOLIDAYS_2027,
} as const satisfies Record<string, readonly HolidayEntry[]>;
export type HolidaySetName = keyof typeof HOLIDAY_SETS;

const HOLIDAY_SET_NAMES = Object.keys(HOLIDAY_SETS) as [HolidaySetName, ...HolidaySetName[]];

// The calendar's own field schemas (functions/domain/calendar.ts), so that what synth accepts is
// exactly what the functions' WorkingCalendar accepts at cold start.
const calendarFields = calendarConfigSchema.shape;

const CalendarSchema = z.pipe(
  z.strictObject({
    /** IANA time zone of working days and of cron schedules. @default Asia/Jakarta */
    timeZone: calendarFields.timeZone,
    /** Holiday lists to include by name (HOLIDAY_SETS). @default ["ID-2026", "ID-2027"] */
    holidaySets: z._default(z.array(z.enum(HOLIDAY_SET_NAMES)), ["ID-2026", "ID-2027"]),
    /** Further non-working local dates (YYYY-MM-DD): regional holidays, a decree's amendment. @default [] */
    extraHolidays: z._default(calendarFields.holidays, []),
    /** ISO weekdays that are working days, 1 = Monday … 7 = Sunday. @default [1, 2, 3, 4, 5] */
    workingDays: calendarFields.workingDays,
  }),
  z.transform((calendar) => ({
    ...calendar,
    /** The resolved list the functions receive: every set's dates plus the extras, sorted, unique. */
    holidays: [
      ...new Set([
        ...calendar.holidaySets.flatMap((name) => HOLIDAY_SETS[name].map((entry) => entry.date)),
        ...calendar.extraHolidays,
      ]),
    ].sort(),
  })),
);

const SlaDefaultsSchema = z.strictObject(
  Object.fromEntries(
    (Object.keys(slaPolicySchema.shape) as (keyof SlaPolicy)[]).map((field) => [
      field,
      z._default(slaPolicySchema.shape[field], DEFAULT_SLA[field]),
    ]),
  ) as { [K in keyof SlaPolicy]: z.ZodMiniDefault<(typeof slaPolicySchema.shape)[K]> },
);

const SlaSchema = z.strictObject({
  /** Deployment-wide clocks (PRODUCT.md §4); every field defaults to DEFAULT_SLA. */
  defaults: z.prefault(SlaDefaultsSchema, {}),
  /** Partial overrides keyed by agency id; the deepest agency on the path wins. @default {} */
  byAgency: z._default(slaOverridesByKeySchema, {}),
  /** Partial overrides keyed by category code; beats every agency. @default {} */
  byCategory: z._default(slaOverridesByKeySchema, {}),
});

/** The schedule names job triggers may refer to (functions/manifests/jobs.ts). */
export type ScheduleName = Extract<JobTrigger, { kind: "schedule" }>["schedule"];

/** EventBridge Scheduler expression of each named schedule that JOBS refer to. */
const SchedulesSchema = z.strictObject({
  /** The overdue sweep (PRODUCT.md §4). @default rate(15 minutes) */
  sweep: z._default(
    z.string().check(z.regex(SCHEDULE, "rate(<n> minutes|hours|days) or a 6-field cron(...)")),
    "rate(15 minutes)",
  ),
} satisfies Record<ScheduleName, z.ZodMiniType>);

export const StageConfigSchema = z.strictObject({
  /** Stage name; becomes part of stack names (`Aduan-<stage>-Stateful`). */
  stage: z.string().check(z.regex(STAGE_NAME, "lowercase letters, digits and dashes, 2-16 characters")),
  /** @default ap-southeast-3 (Jakarta) */
  region: z._default(
    z.string().check(z.regex(REGION, "an AWS region such as ap-southeast-3")),
    "ap-southeast-3",
  ),
  /** Target account; omitted = environment-agnostic synth (the CLI's credentials decide). */
  account: z.optional(z.string().check(z.regex(/^\d{12}$/, "a 12-digit AWS account id"))),
  api: z.prefault(
    z.object({
      throttling: z.prefault(
        z.object({
          /** Steady-state requests per second for the whole stage. @default 50 */
          rateLimit: z._default(z.number().check(z.positive()), 50),
          /** Burst bucket size. @default 100 */
          burstLimit: z._default(z.int().check(z.positive()), 100),
        }),
        {},
      ),
      /** Browser origins allowed by CORS on the API and the attachments bucket. @default none */
      corsAllowedOrigins: z._default(z.array(Origin), []),
    }),
    {},
  ),
  /** CloudWatch Logs retention for function and access logs; must be a value CloudWatch accepts. */
  logRetentionDays: z._default(
    z.int().check(
      z.refine((days) => ALLOWED_RETENTION_DAYS.includes(days), {
        message: `must be one of ${ALLOWED_RETENTION_DAYS.join(", ")}`,
      }),
    ),
    30,
  ),
  lambda: z.prefault(
    z.object({
      /** @default 512 (MB) */
      memorySize: z._default(z.int().check(z.gte(128), z.lte(10240)), 512),
      /** HTTP API integrations time out at 30 s, so handlers must finish well before. @default 10 */
      timeoutSeconds: z._default(z.int().check(z.gte(1), z.lte(29)), 10),
      /**
       * Timeout of job functions (schedule targets, queue consumers); queue visibility timeouts
       * are six times this. @default 60
       */
      jobTimeoutSeconds: z._default(z.int().check(z.gte(1), z.lte(900)), 60),
    }),
    {},
  ),
  cognito: z.prefault(
    z.object({
      /**
       * `plus` turns on threat protection (compromised-credential and adaptive-auth checks) for
       * staff accounts, at a per-MAU price; `essentials` is cheaper and is acknowledged in cdk-nag.
       * @default plus
       */
      featurePlan: z._default(z.enum(["plus", "essentials"]), "plus"),
    }),
    {},
  ),
  /** Working-day calendar: time zone, holidays (national and cuti bersama), working weekdays. */
  calendar: z.prefault(CalendarSchema, {}),
  /** Schedule expressions by name (functions/manifests/jobs.ts triggers refer to them). */
  schedules: z.prefault(SchedulesSchema, {}),
  /** SLA clocks: deployment defaults and per-agency / per-category overrides (PRODUCT.md §4). */
  sla: z.prefault(SlaSchema, {}),
  /** Pass mark for %TL (followed up / received), in percent. @default 60 */
  passingGradePercent: z._default(z.number().check(z.gte(0), z.lte(100)), 60),
  /** Who hears of the stack's alarms: e-mail subscriptions of the operators' SNS topic. */
  operators: z.prefault(
    z.strictObject({
      /** Each receives AWS's confirmation e-mail first. @default [] */
      emails: z._default(z.array(z.email()), []),
    }),
    {},
  ),
  /** Attachments: accepted types, size and count limits, upload window (PRODUCT.md §6). */
  attachments: z.prefault(
    z.strictObject({
      /** @default ["image/jpeg", "image/png", "application/pdf", "video/mp4"] */
      contentTypes: z._default(attachmentFields.contentTypes, [...DEFAULT_ATTACHMENT_RULES.contentTypes]),
      /** @default 10 MB */
      maxBytes: z._default(attachmentFields.maxBytes, DEFAULT_ATTACHMENT_RULES.maxBytes),
      /** @default 5 */
      maxPerReport: z._default(attachmentFields.maxPerReport, DEFAULT_ATTACHMENT_RULES.maxPerReport),
      /** Seconds a presigned upload is valid. @default 900 */
      uploadSeconds: z._default(attachmentFields.uploadSeconds, DEFAULT_ATTACHMENT_RULES.uploadSeconds),
    }),
    {},
  ),
  /** Children with fewer received reports in the period are listed apart, not ranked. @default 10 */
  rankingMinReceived: z._default(z.int().check(z.gte(0)), 10),
  /** Operations (issue 13). */
  observability: z.prefault(
    z.strictObject({
      /** X-Ray active tracing on every function (a cost per trace). @default false */
      tracing: z._default(z.boolean(), false),
      /** Alarm when more than this share of API requests answer 5xx in 5 minutes. @default 1 (%) */
      max5xxPercent: z._default(z.number().check(z.gte(0), z.lte(100)), 1),
      /** Alarm when the API's p99 latency stays above this for 15 minutes. @default 3000 (ms) */
      maxP99LatencyMs: z._default(z.int().check(z.gte(100)), 3000),
      /** Alarm when a work queue's oldest message is older than this. @default 15 (minutes) */
      maxQueueAgeMinutes: z._default(z.int().check(z.gte(1)), 15),
    }),
    {},
  ),
  /** Machines' API keys (PRODUCT.md §6). */
  apiKeys: z.prefault(
    z.strictObject({
      /** Requests one key may make a minute (Open311 filings, agency sync). @default 120 */
      requestsPerMinute: z._default(
        z.int().check(z.gte(1), z.lte(100_000)),
        DEFAULT_API_KEY_REQUESTS_PER_MINUTE,
      ),
    }),
    {},
  ),
  /** The web app: CloudFront in front of its files and the API, staff sign-in, WAF (issue 14). */
  web: z.prefault(
    z
      .strictObject({
        /**
         * The site's host name, e.g. lapor.blorakab.go.id. With it the distribution answers on that name
         * (certificateArn required), staff sign-in returns to it and the attachments bucket accepts
         * uploads from it. Without it the site is only at CloudFront's *.cloudfront.net name, which is
         * known after the first deploy: put that in `callbackUrls` and `api.corsAllowedOrigins` then.
         * @default none
         */
        domainName: z.optional(
          z
            .string()
            .check(
              z.regex(
                /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
                "a host name such as lapor.example.go.id",
              ),
            ),
        ),
        /** An ACM certificate for domainName, in us-east-1 (CloudFront's region for certificates). */
        certificateArn: z.optional(
          z
            .string()
            .check(
              z.regex(
                /^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}$/,
                "an ACM certificate ARN in us-east-1",
              ),
            ),
        ),
        /** Prefix of the Cognito managed login domain (<prefix>.auth.<region>.amazoncognito.com). @default aduan-<stage> */
        signInDomainPrefix: z.optional(
          z
            .string()
            .check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "lowercase letters, digits and dashes")),
        ),
        /** More sign-in return addresses (https://…/staf/masuk), e.g. CloudFront's own name. @default [] */
        callbackUrls: z._default(z.array(z.url({ protocol: /^https?$/ })), []),
        /** AWS WAF in front of CloudFront (a web ACL in us-east-1, in a stack of its own). */
        waf: z.prefault(
          z.strictObject({
            /** @default false */
            enabled: z._default(z.boolean(), false),
            /** Filings (POST /v1/reports) one IP address may make in 5 minutes before WAF blocks it. @default 100 */
            intakePerFiveMinutes: z._default(z.int().check(z.gte(10), z.lte(2_000_000_000)), 100),
          }),
          {},
        ),
      })
      .check(
        z.refine((web) => (web.domainName === undefined) === (web.certificateArn === undefined), {
          message:
            "domainName and certificateArn go together (CloudFront needs the certificate to answer on the name)",
          path: ["certificateArn"],
        }),
      ),
    {},
  ),
  /** E-mail and webhooks (PRODUCT.md §6, issue 11). */
  notifications: z.prefault(
    z.strictObject({
      /**
       * The sender of every e-mail: an address of an SES identity verified in the stage's account and
       * region (out of the SES sandbox for mail to any reporter). @default Aduan <no-reply@lapor.example.go.id>
       */
      from: z._default(
        z
          .string()
          .check(
            z.regex(
              /^([^<>]+<)?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>?$/,
              "an address, optionally as Name <address>",
            ),
          ),
        `Aduan <no-reply@${PLACEHOLDER_DOMAIN}>`,
      ),
      /** The SES identity the sender belongs to: a domain or the address itself. @default the sender's domain */
      identity: z.optional(z.string().check(z.minLength(3))),
      /**
       * The public site reporters follow their reports on: e-mails link to it. @default https://lapor.example.go.id
       */
      siteUrl: z._default(
        z.string().check(z.regex(/^https:\/\/[^/\s]+$/, "https:// and a host, no path")),
        `https://${PLACEHOLDER_DOMAIN}`,
      ),
      /** Seconds before webhook attempt 2, 3, …; their sum should exceed a day. @default DEFAULT_WEBHOOK_RETRY_SECONDS */
      webhookRetrySeconds: z._default(WebhookRetrySeconds, [...DEFAULT_WEBHOOK_RETRY_SECONDS]),
    }),
    {},
  ),
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

/** The calendar every function with table access receives as CALENDAR_JSON. */
export function runtimeCalendar(config: StageConfig): Required<CalendarConfig> {
  const { timeZone, holidays, workingDays } = config.calendar;
  return { timeZone, holidays, workingDays, coveredYears: coveredYears(config) };
}

/** Years whose national holidays the stage lists completely: one per holiday set (`ID-<year>`). */
export function coveredYears(config: StageConfig): number[] {
  return config.calendar.holidaySets.map((name) => Number(name.slice(-4))).sort();
}

/** A warning when the stage's holiday sets do not cover the next 12 months, or undefined. */
export function holidayCoverageWarning(config: StageConfig, now: Date): string | undefined {
  const gaps = holidayCoverageGaps(coveredYears(config), config.calendar.timeZone, now);
  if (gaps.length === 0) return undefined;
  return (
    `calendar.holidaySets of stage ${config.stage} do not cover ${gaps.join(", ")} (the next 12 months): ` +
    "deadlines there would count holidays as working days. Add the year's set to functions/domain/holidays-id.ts " +
    "and lib/config.ts HOLIDAY_SETS, or list its dates in calendar.extraHolidays and the year's set when published."
  );
}

/** The SLA policy every function with table access receives as SLA_JSON. */
export function runtimeSla(config: StageConfig): { defaults: SlaPolicy } & Required<SlaOverrides> {
  const { defaults, byAgency, byCategory } = config.sla;
  return { defaults, byAgency, byCategory };
}

/**
 * What every function with table access receives besides the calendar and the SLA: the figures'
 * passing grade and ranking threshold.
 */
export function tableEnvironment(config: StageConfig): Record<string, string> {
  return {
    [ENV.calendar]: JSON.stringify(runtimeCalendar(config)),
    [ENV.sla]: JSON.stringify(runtimeSla(config)),
    [ENV.passingGradePercent]: String(config.passingGradePercent),
    [ENV.rankingMinReceived]: String(config.rankingMinReceived),
  };
}

/** The attachment limits every function with attachment access receives as ATTACHMENT_RULES_JSON. */
export function runtimeAttachmentRules(config: StageConfig): string {
  return JSON.stringify(config.attachments);
}

/** The sender's bare address (`Aduan <a@b>` → `a@b`). */
export function senderAddress(config: StageConfig): string {
  return /<([^>]+)>/.exec(config.notifications.from)?.[1] ?? config.notifications.from;
}

/** The SES configuration set of the stage (created by the stateful stack, named so the stateless one can grant it). */
export function emailConfigurationSetName(config: StageConfig): string {
  return `aduan-${config.stage}`;
}

/** The SES identity the stage sends from: configured, or the sender's domain. */
export function sesIdentity(config: StageConfig): string {
  return config.notifications.identity ?? senderAddress(config).split("@")[1] ?? senderAddress(config);
}

/**
 * Where notification links lead: the reporter's view of a report and the staff view, under the
 * stage's site: the web app's pages.
 */
export function notificationLinks(siteUrl: string): { trackingUrl: string; staffReportUrl: string } {
  return {
    trackingUrl: `${siteUrl}${LINK_PATHS.tracking}`,
    staffReportUrl: `${siteUrl}${LINK_PATHS.staffReport}`,
  };
}

/**
 * Stage values of the variables some grants give (functions/manifests/grants.ts): e-mail access,
 * webhook queueing, API-key authentication.
 */
export function stageEnvironment(config: StageConfig): Record<string, string> {
  const links = notificationLinks(config.notifications.siteUrl);
  return {
    [ENV.emailFrom]: config.notifications.from,
    [ENV.trackingUrl]: links.trackingUrl,
    [ENV.staffReportUrl]: links.staffReportUrl,
    [ENV.webhookRetrySeconds]: JSON.stringify(config.notifications.webhookRetrySeconds),
    [ENV.apiKeyRequestsPerMinute]: String(config.apiKeys.requestsPerMinute),
  };
}

/** A warning while the stage still sends from, or links to, the example domain; else undefined. */
export function placeholderWarning(config: StageConfig): string | undefined {
  const { from, siteUrl } = config.notifications;
  if (!from.includes(PLACEHOLDER_DOMAIN) && !siteUrl.includes(PLACEHOLDER_DOMAIN)) return undefined;
  return (
    `notifications of stage ${config.stage} still use the example domain ${PLACEHOLDER_DOMAIN}: set ` +
    "notifications.from (an address of an SES identity verified in the account) and notifications.siteUrl " +
    `in lib/stages/${config.stage}.json, or e-mails will not be sent and their links will lead nowhere.`
  );
}

/** Where the staff console sends people back after sign-in (and after sign-out, its origin). */
export const SIGN_IN_RETURN_PATH = "/staf/masuk";

/** The web app's origin (https://<web.domainName>), when the stage has a domain name. */
export function webOrigin(config: StageConfig): string | undefined {
  return config.web.domainName ? `https://${config.web.domainName}` : undefined;
}

/** Browser origins the attachments bucket accepts uploads from: the API's CORS origins and the site's. */
export function uploadOrigins(config: StageConfig): string[] {
  const site = webOrigin(config);
  return [...new Set([...config.api.corsAllowedOrigins, ...(site ? [site] : [])])];
}

/** Cognito's managed login host for the stage (<prefix>.auth.<region>.amazoncognito.com). */
export function signInHost(config: StageConfig): string {
  return `${signInDomainPrefix(config)}.auth.${config.region}.amazoncognito.com`;
}

export function signInDomainPrefix(config: StageConfig): string {
  return config.web.signInDomainPrefix ?? `aduan-${config.stage}`;
}

/** The console's sign-in return addresses: the site's own, then the configured ones. */
export function signInCallbackUrls(config: StageConfig): string[] {
  const site = webOrigin(config);
  return [...new Set([...(site ? [`${site}${SIGN_IN_RETURN_PATH}`] : []), ...config.web.callbackUrls])];
}
