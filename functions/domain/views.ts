/**
 * The response views of the HTTP API, each declared once as a zod schema with its TypeScript type
 * inferred from it: the view builders (report-views.ts, case-file.ts) return these types, the
 * OpenAPI document (shared/openapi.ts) describes these schemas, and the contract check validates
 * real responses against that document. Pure: zod only.
 */
import { AttachmentView } from "./attachments";
import { CLOCKS } from "./deadlines";
import { AGENCY_LEVELS } from "./directory";
import { ARCHIVE_REASONS, REPORT_KINDS, REPORT_STATUSES } from "./report";
import * as z from "./zod";

const Clock = z.enum(CLOCKS).check(z.meta({ id: "Clock", description: "A deadline clock (PRODUCT.md §4)" }));

import { EXAMPLE_TRACKING_ID } from "./tracking-id";
import { STAFF_ACTIONS } from "./transitions";

export const ReportKind = z.enum(REPORT_KINDS).check(
  z.meta({
    id: "ReportKind",
    description: "complaint (pengaduan), aspiration (aspirasi) or information_request (permintaan informasi)",
  }),
);
export const ReportStatus = z.enum(REPORT_STATUSES).check(z.meta({ id: "ReportStatus" }));

/** Where it happened, as stored (coordinates already rounded to 7 decimals). */
const LocationView = z
  .object({
    regionCode: z.optional(z.string()),
    address: z.optional(z.string()),
    lat: z.optional(z.number()),
    lng: z.optional(z.number()),
  })
  .register(z.globalRegistry, { id: "LocationView" });

/** The reporter's contact: only ever in the reporter's own view, and to staff unless anonymous. */
const ReporterView = z
  .object({ name: z.optional(z.string()), email: z.optional(z.string()), phone: z.optional(z.string()) })
  .register(z.globalRegistry, {
    id: "ReporterView",
    description: "Never public; hidden from staff when the report is anonymous.",
  });

export const SubmitReportReceipt = z
  .object({
    trackingId: z.string().check(z.meta({ example: EXAMPLE_TRACKING_ID })),
    accessToken: z.optional(z.string()).check(
      z.meta({
        description:
          "Secret proving you are the reporter: keep it; it is shown once (and repeated by an Idempotency-Key " +
          "replay, unless it has since been replaced through access-token recovery)",
      }),
    ),
    status: ReportStatus,
    kind: ReportKind,
    title: z.string(),
    category: z.string(),
    agencyId: z.string(),
    anonymous: z.boolean(),
    confidential: z.boolean(),
    createdAt: z.iso.datetime(),
    links: z.object({ self: z.string() }),
  })
  .register(z.globalRegistry, { id: "SubmitReportReceipt" });

export type SubmitReportReceipt = z.infer<typeof SubmitReportReceipt>;

const AgencyRef = z
  .object({ id: z.string(), name: z.string() })
  .register(z.globalRegistry, { id: "AgencyRef" });

export const TimelineEventView = z
  .object({
    seq: z.int(),
    at: z.iso.datetime(),
    type: z.string(),
    status: ReportStatus,
    statusLabel: z.string(),
    actor: z.object({
      kind: z.enum(["reporter", "staff", "system"]),
      role: z.optional(z.string()),
      agencyId: z.optional(z.string()),
      agencyName: z.optional(z.string()),
    }),
    agency: AgencyRef,
    note: z.optional(z.string()),
    followUpId: z.optional(z.string()),
    attachmentId: z.optional(z.string()),
    rating: z.optional(z.int()),
    archiveReason: z.optional(z.string()),
    duplicateOf: z.optional(z.string()),
    clock: z.optional(Clock).check(z.meta({ description: "escalated events: the overdue clock" })),
    level: z.optional(z.int()),
    targets: z
      .optional(z.array(z.string()))
      .check(z.meta({ description: "escalated events: agencies alerted" })),
  })
  .register(z.globalRegistry, { id: "TimelineEvent" });

const Instant = z.iso.datetime();
export const Deadlines = z
  .object({
    verification: z.optional(Instant),
    firstFollowUp: z.optional(Instant),
    autoResolve: z.optional(Instant),
    holdExpiry: z.optional(Instant),
    resolution: z.optional(Instant),
  })
  .register(z.globalRegistry, {
    id: "Deadlines",
    description: "Running clocks, each the instant it falls due",
  });

export const Escalation = z
  .object({ clock: Clock, level: z.int(), anchor: Instant, at: Instant, appliedAt: Instant })
  .register(z.globalRegistry, { id: "Escalation" });

export const FollowUpView = z
  .object({
    id: z.string(),
    message: z.string(),
    final: z.boolean(),
    status: z.enum(["draft", "published"]),
    agency: AgencyRef,
    createdAt: z.iso.datetime(),
    publishedAt: z.optional(z.iso.datetime()),
  })
  .register(z.globalRegistry, { id: "FollowUp" });

export const ReportView = z
  .object({
    viewer: z.enum(["public", "reporter", "staff"]),
    trackingId: z.string(),
    kind: ReportKind,
    title: z.string(),
    description: z.string(),
    category: z.object({ code: z.string(), name: z.string() }),
    occurredOn: z.optional(z.string()),
    location: z.optional(LocationView),
    agency: AgencyRef,
    status: ReportStatus,
    statusLabel: z.string().check(z.meta({ example: "Belum Terverifikasi" })),
    anonymous: z.boolean(),
    confidential: z.boolean(),
    reporter: z.optional(ReporterView).check(z.meta({ description: "Only in the reporter's own view" })),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    verifiedAt: z.optional(z.iso.datetime()),
    resolutionProposedAt: z
      .optional(z.iso.datetime())
      .check(z.meta({ description: "A final follow-up awaits the reporter" })),
    resolvedAt: z.optional(z.iso.datetime()),
    rating: z.optional(z.int().check(z.gte(1), z.lte(5))),
    archiveReason: z.optional(z.enum(ARCHIVE_REASONS)),
    duplicateOf: z.optional(z.string()),
    attachments: z.array(AttachmentView).check(
      z.meta({
        description: "What this viewer may see: the public only published ones of a public report",
      }),
    ),
    followUps: z.array(FollowUpView),
    timeline: z.array(TimelineEventView),
    deadlines: z.optional(Deadlines).check(z.meta({ description: "Reporter and staff views" })),
    ombudsmanEligibleAt: z.optional(Instant),
    ombudsmanForwardedAt: z.optional(Instant),
    channel: z
      .optional(z.object({ keyId: z.string(), name: z.string(), via: z.enum(["api", "open311"]) }))
      .check(z.meta({ description: "Staff view only: the API key a machine filed it with" })),
    version: z.optional(z.int()).check(z.meta({ description: "Staff view only" })),
    dispatchChain: z.optional(z.array(z.string())).check(z.meta({ description: "Staff view only" })),
    escalations: z.optional(z.array(Escalation)).check(z.meta({ description: "Staff view only" })),
    actions: z.optional(z.array(z.enum(STAFF_ACTIONS))).check(
      z.meta({
        description:
          "Staff view only: what the viewer's role may do in the report's status (the transition table); scope and the state at the moment of writing are checked when it is done",
      }),
    ),
  })
  .register(z.globalRegistry, { id: "ReportView" });

export const ReportSummary = z
  .object({
    trackingId: z.string(),
    kind: ReportKind,
    title: z.string(),
    category: z.string(),
    agencyId: z.string(),
    status: ReportStatus,
    statusLabel: z.string(),
    anonymous: z.boolean(),
    confidential: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    overdueAt: z.optional(Instant).check(z.meta({ description: "Earliest running deadline" })),
  })
  .register(z.globalRegistry, { id: "ReportSummary" });

export const CaseFile = z
  .object({
    trackingId: z.string(),
    title: z.string(),
    description: z.string(),
    kind: z.string(),
    category: z.string(),
    agency: z.string(),
    status: ReportStatus,
    statusLabel: z.string(),
    submittedAt: Instant,
    verifiedAt: z.optional(Instant),
    resolvedAt: z.optional(Instant),
    ombudsmanEligibleAt: z.optional(Instant),
    ombudsmanForwardedAt: z.optional(Instant),
    chronology: z.array(TimelineEventView),
    dispositions: z.array(
      z.object({ at: Instant, to: z.string(), type: z.string(), note: z.optional(z.string()) }),
    ),
    followUps: z.array(
      z.object({
        publishedAt: z.optional(Instant),
        agency: z.string(),
        message: z.string(),
        final: z.boolean(),
      }),
    ),
    deadlines: z.array(
      z.object({
        clock: Clock,
        dueAt: Instant,
        outcome: z.enum(["met", "missed", "running"]),
        doneAt: z.optional(Instant),
      }),
    ),
    generatedAt: Instant,
  })
  .register(z.globalRegistry, { id: "CaseFile" });

export type AgencyRef = z.infer<typeof AgencyRef>;
export type TimelineEventView = z.infer<typeof TimelineEventView>;
export type FollowUpView = z.infer<typeof FollowUpView>;
export type ReportView = z.infer<typeof ReportView>;
export type ReportSummary = z.infer<typeof ReportSummary>;
export type CaseFile = z.infer<typeof CaseFile>;
export type DeadlineOutcome = CaseFile["deadlines"][number];

/** Reports in the agency's subtree by status now, and those past a deadline (live counters). */
export const InboxCounts = z
  .object({
    ...Object.fromEntries(REPORT_STATUSES.map((status) => [status, z.int()])),
    overdue: z.int(),
  } as Record<(typeof REPORT_STATUSES)[number] | "overdue", z.ZodMiniInt>)
  .register(z.globalRegistry, {
    id: "InboxCounts",
    description:
      "Live counts of the agency's whole subtree (confidential reports included, as counts only); " +
      "they follow the table's stream, a second or so behind",
  });

export const InboxPage = z
  .object({
    reports: z.array(ReportSummary),
    cursor: z.optional(z.string()),
    agencyId: z.string().check(z.meta({ description: "The agency whose subtree the page lists" })),
    counts: InboxCounts,
  })
  .register(z.globalRegistry, { id: "InboxPage" });

export type InboxPage = z.infer<typeof InboxPage>;

export const FollowUpResult = z
  .object({ id: z.string(), status: z.enum(["draft", "published"]), report: ReportView })
  .register(z.globalRegistry, { id: "FollowUpResult" });

export type FollowUpResult = z.infer<typeof FollowUpResult>;

const rate = z
  .nullable(z.number())
  .check(z.meta({ description: "Percent, one decimal; null when nothing was received" }));
const days = z
  .nullable(z.number())
  .check(z.meta({ description: "Days, one decimal; null when nothing was measured" }));

/** One agency's figures for a period (PRODUCT.md §5); its subtree included. */
export const FiguresRow = z
  .object({
    agencyId: z.string(),
    name: z.string(),
    level: z.enum(AGENCY_LEVELS),
    received: z.int().check(z.meta({ description: "Reports whose stay in the subtree began in the period" })),
    followedUp: z.int().check(z.meta({ description: "Of those, with at least one published follow-up" })),
    followUpRate: rate.check(
      z.meta({
        description: "%TL: followedUp / received, percent, one decimal",
        example: 53.1,
      }),
    ),
    resolved: z.int(),
    resolvedRate: rate,
    inProgress: z.int().check(z.meta({ description: "Followed up, not yet resolved" })),
    inProgressRate: rate,
    avgDaysToFirstFollowUp: days,
    avgDaysToResolution: days,
    onTimeFirstFollowUpRate: rate.check(
      z.meta({
        description: "First follow-up within the agency's SLA, over received (open and late counts as late)",
      }),
    ),
    overdueNow: z.int().check(z.meta({ description: "Live: reports past a deadline in the subtree now" })),
    ratings: z.int(),
    avgRating: z.nullable(z.number()),
    passingGradePercent: z
      .number()
      .check(z.meta({ description: "The grade this agency is held to", example: 60 })),
    passed: z
      .nullable(z.boolean())
      .check(z.meta({ description: "followUpRate ≥ passingGradePercent; null without reports" })),
  })
  .register(z.globalRegistry, {
    id: "FiguresRow",
    example: {
      agencyId: "kab-blora",
      name: "Pemerintah Kabupaten Blora",
      level: "regency",
      received: 32,
      followedUp: 17,
      followUpRate: 53.1,
      resolved: 12,
      resolvedRate: 37.5,
      inProgress: 5,
      inProgressRate: 15.6,
      avgDaysToFirstFollowUp: 3.4,
      avgDaysToResolution: 21.7,
      onTimeFirstFollowUpRate: 40.6,
      overdueNow: 4,
      ratings: 9,
      avgRating: 3.8,
      passingGradePercent: 60,
      passed: false,
    },
  });
export type FiguresRow = z.infer<typeof FiguresRow>;

const Period = z
  .object({
    from: z.string().check(z.meta({ example: "2022-01" })),
    to: z.string().check(z.meta({ example: "2022-12" })),
  })
  .register(z.globalRegistry, {
    id: "Period",
    description: "Calendar months in the deployment's time zone, inclusive",
  });

export const Stats = z
  .object({
    period: Period,
    passingGradePercent: z.number(),
    agency: FiguresRow,
    children: z.array(FiguresRow),
    byMonth: z.array(z.extend(FiguresRow, { month: z.string().check(z.meta({ example: "2022-01" })) })).check(
      z.meta({
        description:
          "The agency's own row for each month of the period, oldest first: its cohort counters of that month, its live counters (overdueNow, inProgress) as of now",
      }),
    ),
  })
  .register(z.globalRegistry, { id: "Stats" });
export type Stats = z.infer<typeof Stats>;

export const Rankings = z
  .object({
    period: Period,
    parent: z.object({ agencyId: z.string(), name: z.string() }),
    passingGradePercent: z.number(),
    minReceived: z.int(),
    ranked: z.array(z.extend(FiguresRow, { rank: z.int() })).check(
      z.meta({
        description: "By followUpRate, then onTimeFirstFollowUpRate, then received; ties share a rank",
      }),
    ),
    notRanked: z
      .array(FiguresRow)
      .check(z.meta({ description: "Fewer than minReceived reports in the period" })),
  })
  .register(z.globalRegistry, { id: "Rankings" });
export type Rankings = z.infer<typeof Rankings>;
