/**
 * The response views of the HTTP API, each declared once as a zod schema with its TypeScript type
 * inferred from it: the view builders (report-views.ts, case-file.ts) return these types, the
 * OpenAPI document (shared/openapi.ts) describes these schemas, and the contract check validates
 * real responses against that document. Pure: zod only.
 */
import * as z from "zod";
import { AttachmentView } from "./attachments";
import { CLOCKS } from "./deadlines";
import { AGENCY_LEVELS } from "./directory";
import { ARCHIVE_REASONS, REPORT_KINDS, REPORT_STATUSES } from "./report";

const Clock = z.enum(CLOCKS).meta({ id: "Clock", description: "A deadline clock (PRODUCT.md §4)" });

import { EXAMPLE_TRACKING_ID } from "./tracking-id";
import { STAFF_ACTIONS } from "./transitions";

export const ReportKind = z.enum(REPORT_KINDS).meta({
  id: "ReportKind",
  description: "complaint (pengaduan), aspiration (aspirasi) or information_request (permintaan informasi)",
});
export const ReportStatus = z.enum(REPORT_STATUSES).meta({ id: "ReportStatus" });

/** Where it happened, as stored (coordinates already rounded to 7 decimals). */
const LocationView = z
  .object({
    regionCode: z.string().optional(),
    address: z.string().optional(),
    lat: z.number().optional(),
    lng: z.number().optional(),
  })
  .meta({ id: "LocationView" });

/** The reporter's contact: only ever in the reporter's own view, and to staff unless anonymous. */
const ReporterView = z
  .object({ name: z.string().optional(), email: z.string().optional(), phone: z.string().optional() })
  .meta({ id: "ReporterView", description: "Never public; hidden from staff when the report is anonymous." });

export const SubmitReportReceipt = z
  .object({
    trackingId: z.string().meta({ example: EXAMPLE_TRACKING_ID }),
    accessToken: z
      .string()
      .optional()
      .meta({
        description:
          "Secret proving you are the reporter: keep it; it is shown once (and repeated by an Idempotency-Key " +
          "replay, unless it has since been replaced through access-token recovery)",
      }),
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
  .meta({ id: "SubmitReportReceipt" });

export type SubmitReportReceipt = z.infer<typeof SubmitReportReceipt>;

const AgencyRef = z.object({ id: z.string(), name: z.string() }).meta({ id: "AgencyRef" });

export const TimelineEventView = z
  .object({
    seq: z.number().int(),
    at: z.iso.datetime(),
    type: z.string(),
    status: ReportStatus,
    statusLabel: z.string(),
    actor: z.object({
      kind: z.enum(["reporter", "staff", "system"]),
      role: z.string().optional(),
      agencyId: z.string().optional(),
      agencyName: z.string().optional(),
    }),
    agency: AgencyRef,
    note: z.string().optional(),
    followUpId: z.string().optional(),
    attachmentId: z.string().optional(),
    rating: z.number().int().optional(),
    archiveReason: z.string().optional(),
    duplicateOf: z.string().optional(),
    clock: Clock.optional().meta({ description: "escalated events: the overdue clock" }),
    level: z.number().int().optional(),
    targets: z.array(z.string()).optional().meta({ description: "escalated events: agencies alerted" }),
  })
  .meta({ id: "TimelineEvent" });

const Instant = z.iso.datetime();
export const Deadlines = z
  .object({
    verification: Instant.optional(),
    firstFollowUp: Instant.optional(),
    autoResolve: Instant.optional(),
    holdExpiry: Instant.optional(),
    resolution: Instant.optional(),
  })
  .meta({ id: "Deadlines", description: "Running clocks, each the instant it falls due" });

export const Escalation = z
  .object({ clock: Clock, level: z.number().int(), anchor: Instant, at: Instant, appliedAt: Instant })
  .meta({ id: "Escalation" });

export const FollowUpView = z
  .object({
    id: z.string(),
    message: z.string(),
    final: z.boolean(),
    status: z.enum(["draft", "published"]),
    agency: AgencyRef,
    createdAt: z.iso.datetime(),
    publishedAt: z.iso.datetime().optional(),
  })
  .meta({ id: "FollowUp" });

export const ReportView = z
  .object({
    viewer: z.enum(["public", "reporter", "staff"]),
    trackingId: z.string(),
    kind: ReportKind,
    title: z.string(),
    description: z.string(),
    category: z.object({ code: z.string(), name: z.string() }),
    occurredOn: z.string().optional(),
    location: LocationView.optional(),
    agency: AgencyRef,
    status: ReportStatus,
    statusLabel: z.string().meta({ example: "Belum Terverifikasi" }),
    anonymous: z.boolean(),
    confidential: z.boolean(),
    reporter: ReporterView.optional().meta({ description: "Only in the reporter's own view" }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    verifiedAt: z.iso.datetime().optional(),
    resolutionProposedAt: z.iso
      .datetime()
      .optional()
      .meta({ description: "A final follow-up awaits the reporter" }),
    resolvedAt: z.iso.datetime().optional(),
    rating: z.number().int().min(1).max(5).optional(),
    archiveReason: z.enum(ARCHIVE_REASONS).optional(),
    duplicateOf: z.string().optional(),
    attachments: z
      .array(AttachmentView)
      .meta({ description: "What this viewer may see: the public only published ones of a public report" }),
    followUps: z.array(FollowUpView),
    timeline: z.array(TimelineEventView),
    deadlines: Deadlines.optional().meta({ description: "Reporter and staff views" }),
    ombudsmanEligibleAt: Instant.optional(),
    ombudsmanForwardedAt: Instant.optional(),
    channel: z
      .object({ keyId: z.string(), name: z.string(), via: z.enum(["api", "open311"]) })
      .optional()
      .meta({ description: "Staff view only: the API key a machine filed it with" }),
    version: z.number().int().optional().meta({ description: "Staff view only" }),
    dispatchChain: z.array(z.string()).optional().meta({ description: "Staff view only" }),
    escalations: z.array(Escalation).optional().meta({ description: "Staff view only" }),
    actions: z.array(z.enum(STAFF_ACTIONS)).optional().meta({
      description:
        "Staff view only: what the viewer's role may do in the report's status (the transition table); scope and the state at the moment of writing are checked when it is done",
    }),
  })
  .meta({ id: "ReportView" });

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
    overdueAt: Instant.optional().meta({ description: "Earliest running deadline" }),
  })
  .meta({ id: "ReportSummary" });

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
    verifiedAt: Instant.optional(),
    resolvedAt: Instant.optional(),
    ombudsmanEligibleAt: Instant.optional(),
    ombudsmanForwardedAt: Instant.optional(),
    chronology: z.array(TimelineEventView),
    dispositions: z.array(
      z.object({ at: Instant, to: z.string(), type: z.string(), note: z.string().optional() }),
    ),
    followUps: z.array(
      z.object({
        publishedAt: Instant.optional(),
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
        doneAt: Instant.optional(),
      }),
    ),
    generatedAt: Instant,
  })
  .meta({ id: "CaseFile" });

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
    ...Object.fromEntries(REPORT_STATUSES.map((status) => [status, z.number().int()])),
    overdue: z.number().int(),
  } as Record<(typeof REPORT_STATUSES)[number] | "overdue", z.ZodNumber>)
  .meta({
    id: "InboxCounts",
    description:
      "Live counts of the agency's whole subtree (confidential reports included, as counts only); " +
      "they follow the table's stream, a second or so behind",
  });

export const InboxPage = z
  .object({
    reports: z.array(ReportSummary),
    cursor: z.string().optional(),
    agencyId: z.string().meta({ description: "The agency whose subtree the page lists" }),
    counts: InboxCounts,
  })
  .meta({ id: "InboxPage" });

export type InboxPage = z.infer<typeof InboxPage>;

export const FollowUpResult = z
  .object({ id: z.string(), status: z.enum(["draft", "published"]), report: ReportView })
  .meta({ id: "FollowUpResult" });

export type FollowUpResult = z.infer<typeof FollowUpResult>;

const rate = z
  .number()
  .nullable()
  .meta({ description: "Percent, one decimal; null when nothing was received" });
const days = z.number().nullable().meta({ description: "Days, one decimal; null when nothing was measured" });

/** One agency's figures for a period (PRODUCT.md §5); its subtree included. */
export const FiguresRow = z
  .object({
    agencyId: z.string(),
    name: z.string(),
    level: z.enum(AGENCY_LEVELS),
    received: z.number().int().meta({ description: "Reports whose stay in the subtree began in the period" }),
    followedUp: z.number().int().meta({ description: "Of those, with at least one published follow-up" }),
    followUpRate: rate.meta({
      description: "%TL: followedUp / received, percent, one decimal",
      example: 53.1,
    }),
    resolved: z.number().int(),
    resolvedRate: rate,
    inProgress: z.number().int().meta({ description: "Followed up, not yet resolved" }),
    inProgressRate: rate,
    avgDaysToFirstFollowUp: days,
    avgDaysToResolution: days,
    onTimeFirstFollowUpRate: rate.meta({
      description: "First follow-up within the agency's SLA, over received (open and late counts as late)",
    }),
    overdueNow: z.number().int().meta({ description: "Live: reports past a deadline in the subtree now" }),
    ratings: z.number().int(),
    avgRating: z.number().nullable(),
    passingGradePercent: z.number().meta({ description: "The grade this agency is held to", example: 60 }),
    passed: z
      .boolean()
      .nullable()
      .meta({ description: "followUpRate ≥ passingGradePercent; null without reports" }),
  })
  .meta({
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
  .object({ from: z.string().meta({ example: "2022-01" }), to: z.string().meta({ example: "2022-12" }) })
  .meta({ id: "Period", description: "Calendar months in the deployment's time zone, inclusive" });

export const Stats = z
  .object({
    period: Period,
    passingGradePercent: z.number(),
    agency: FiguresRow,
    children: z.array(FiguresRow),
  })
  .meta({ id: "Stats" });
export type Stats = z.infer<typeof Stats>;

export const Rankings = z
  .object({
    period: Period,
    parent: z.object({ agencyId: z.string(), name: z.string() }),
    passingGradePercent: z.number(),
    minReceived: z.number().int(),
    ranked: z.array(FiguresRow.extend({ rank: z.number().int() })).meta({
      description: "By followUpRate, then onTimeFirstFollowUpRate, then received; ties share a rank",
    }),
    notRanked: z.array(FiguresRow).meta({ description: "Fewer than minReceived reports in the period" }),
  })
  .meta({ id: "Rankings" });
export type Rankings = z.infer<typeof Rankings>;
