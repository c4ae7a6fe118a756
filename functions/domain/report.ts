/**
 * The report aggregate: what a citizen files, its status and its immutable timeline.
 * Pure: ids, token hashes and the current instant are passed in.
 */
import type { ClockName, DeadlineRules, Deadlines, DueAction, EscalationRecord } from "./deadlines";
import { earliestDeadline, scheduleOf } from "./deadlines";
import type { Directory } from "./directory";
import { DomainError, detail, type ErrorDetail } from "./errors";
import { type Locale, text } from "./text";

export const REPORT_KINDS = ["complaint", "aspiration", "information_request"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_STATUSES = [
  "submitted",
  "on_hold",
  "dispatched",
  "in_progress",
  "resolved",
  "archived",
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Statuses in which someone still has to act: a staff inbox shows these unless asked otherwise. */
export const OPEN_STATUSES = [
  "submitted",
  "on_hold",
  "dispatched",
  "in_progress",
] as const satisfies readonly ReportStatus[];

/**
 * The order of every list of reports (inboxes, the public listing): newest first by submission,
 * ties by tracking ID. The indexes' sort keys are this key, so lists read from them and lists
 * merged in code agree.
 */
export function listingKey(report: { readonly createdAt: string; readonly trackingId: string }): string {
  return `${report.createdAt}#${report.trackingId}`;
}

/**
 * Whether a report is public — listed, and its published attachments shown to anyone: verified,
 * not confidential, not archived (the sparse byPublicList index carries exactly these).
 */
export function isPublicReport(report: {
  readonly verifiedAt?: string;
  readonly confidential: boolean;
  readonly status: string;
}): boolean {
  return report.verifiedAt !== undefined && !report.confidential && report.status !== "archived";
}

/** The labels SP4N-LAPOR! shows citizens. */
export const STATUS_LABELS: Record<ReportStatus, string> = {
  submitted: "Belum Terverifikasi",
  on_hold: "Ditunda",
  dispatched: "Terdisposisi",
  in_progress: "Ditindaklanjuti",
  resolved: "Selesai",
  archived: "Diarsipkan",
};

export interface Location {
  readonly regionCode?: string;
  readonly address?: string;
  readonly lat?: number;
  readonly lng?: number;
}

export interface ReporterContact {
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
}

import type { StaffRole } from "./constants";

export type { StaffRole };

export type Actor =
  | { readonly kind: "reporter" }
  | { readonly kind: "staff"; readonly role: StaffRole; readonly agencyId: string; readonly userId: string }
  | { readonly kind: "system" };

export type TimelineEventType =
  | "submitted"
  | "verified"
  | "held"
  | "information_supplied"
  | "reporter_message"
  | "archived"
  | "dispatched"
  | "returned"
  | "follow_up_drafted"
  | "follow_up_published"
  | "resolved"
  | "reopened"
  | "escalated"
  | "auto_resolved"
  | "ombudsman_eligible"
  | "ombudsman_forwarded"
  | "attachment_added"
  | "attachment_rejected"
  | "attachment_published";

/**
 * Who may read an event (or its note): `public` — anyone who may see the report; `reporter` —
 * the reporter and staff; `staff` — staff only (internal notes, drafts).
 */
export type Visibility = "public" | "reporter" | "staff";

/** Why staff archive a report; `withdrawn` is the system's (an unanswered hold), never a staff choice. */
export const STAFF_ARCHIVE_REASONS = ["unintelligible", "out_of_scope", "duplicate", "spam"] as const;
export const ARCHIVE_REASONS = [...STAFF_ARCHIVE_REASONS, "withdrawn"] as const;
export type ArchiveReason = (typeof ARCHIVE_REASONS)[number];

export interface TimelineEvent {
  /** Equals the report version the event produced: ordered, unique, and a natural idempotency key. */
  readonly seq: number;
  readonly at: string;
  readonly type: TimelineEventType;
  readonly actor: Actor;
  readonly status: ReportStatus;
  /** The agency the report is assigned to after the event. */
  readonly agencyId: string;
  readonly note?: string;
  /** Who may see the event at all. */
  readonly visibility: Visibility;
  /** Who may see its note; at most as wide as the event. @default visibility */
  readonly noteVisibility?: Visibility;
  /** Follow-up the event is about, when it is. */
  readonly followUpId?: string;
  /** Attachment the event is about, when it is. */
  readonly attachmentId?: string;
  readonly rating?: number;
  readonly archiveReason?: ArchiveReason;
  readonly duplicateOf?: string;
  /** For `escalated` events: the clock and level, and the agencies alerted. */
  readonly clock?: ClockName;
  readonly level?: number;
  readonly targets?: readonly string[];
}

export interface FollowUp {
  readonly id: string;
  readonly trackingId: string;
  readonly message: string;
  /** A final follow-up proposes resolution: the reporter accepts or rejects it. */
  readonly final: boolean;
  readonly status: "draft" | "published";
  readonly agencyId: string;
  readonly author: Actor;
  readonly createdAt: string;
  readonly publishedAt?: string;
  readonly publishedBy?: Actor;
}

/** What the citizen describes: the same in the filing and in the stored report. */
export interface ReportContent {
  readonly kind: ReportKind;
  readonly title: string;
  readonly description: string;
  readonly category: string;
  readonly occurredOn?: string;
  readonly location?: Location;
}

export interface Report extends ReportContent {
  readonly trackingId: string;
  /** The agency the citizen chose, if any; it verifies the report instead of the national admin. */
  readonly requestedAgencyId?: string;
  readonly assignedAgencyId: string;
  /** Root → assigned agency ids; drives the inbox indexes and staff scope. */
  readonly agencyPath: readonly string[];
  readonly anonymous: boolean;
  readonly confidential: boolean;
  readonly reporter?: ReporterContact;
  /** The language of the reporter's e-mails; absent means Indonesian. */
  readonly locale?: Locale;
  /** The machine channel it came through (an API key: an SMS gateway, an Open311 client). */
  readonly channel?: ReportChannel;
  /** The latest published follow-up's message (Open311's status_notes). */
  readonly latestFollowUp?: string;
  readonly accessTokenHash: string;
  readonly status: ReportStatus;
  /** Incremented by every change; equals the seq of the latest timeline event. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly verifiedAt?: string;
  /** When the report reached its current agency by dispatch (the first follow-up clock's start). */
  readonly dispatchedAt?: string;
  /** Agencies that dispatched it, oldest first: a "not our authority" return goes to the last. */
  readonly dispatchChain?: readonly string[];
  readonly heldAt?: string;
  readonly firstFollowUpAt?: string;
  readonly lastFollowUpAt?: string;
  /** Set while a final follow-up awaits the reporter's acceptance. */
  readonly resolutionProposedAt?: string;
  readonly resolvedAt?: string;
  readonly rating?: number;
  readonly reopenCount?: number;
  readonly archivedAt?: string;
  readonly archiveReason?: ArchiveReason;
  readonly duplicateOf?: string;
  /** The verification deadline; moved later when a hold is lifted (pause rule, sla.ts). */
  readonly verificationDueAt?: string;
  readonly ombudsmanEligibleAt?: string;
  readonly ombudsmanForwardedAt?: string;
  /** Due actions already applied, each at most once per clock, level and anchor. */
  readonly escalations?: readonly EscalationRecord[];
  /** Derived on every change (deadlines.ts): the running clocks… */
  readonly deadlines?: Deadlines;
  /** …the earliest pending due action (drives the byDueDate index)… */
  readonly nextDue?: DueAction;
  /** …and the earliest running deadline (a report is overdue once it has passed). */
  readonly overdueAt?: string;
}

export interface NewReportInput extends ReportContent {
  readonly agencyId?: string;
  readonly anonymous?: boolean;
  readonly confidential?: boolean;
  readonly reporter?: ReporterContact;
  /** The language of the reporter's e-mails. @default "id" */
  readonly locale?: Locale;
}

/** An intake channel: the API key a filing came with. */
export interface ReportChannel {
  readonly keyId: string;
  readonly name: string;
  /** `api` (POST /v1/reports with X-Api-Key) or `open311`. */
  readonly via: "api" | "open311";
}

export interface NewReportContext {
  /** @default none: filed by a person, not through a machine channel */
  readonly channel?: ReportChannel;
  readonly trackingId: string;
  readonly accessTokenHash: string;
  readonly now: Date;
  readonly directory: Directory;
  readonly rules: DeadlineRules;
}

/**
 * Checks what a schema cannot: references into the directory and dates relative to today, the
 * local date in the deployment's time zone (`today`, YYYY-MM-DD).
 */
export function checkNewReport(input: NewReportInput, today: string, directory: Directory): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!directory.category(input.category)) {
    problems.push(
      detail(
        "category",
        `kategori '${input.category}' tidak dikenal (lihat GET /v1/categories)`,
        `unknown category '${input.category}' (see GET /v1/categories)`,
      ),
    );
  }
  if (input.agencyId !== undefined && !directory.agency(input.agencyId)) {
    problems.push(
      detail(
        "agencyId",
        `instansi '${input.agencyId}' tidak dikenal (lihat GET /v1/agencies)`,
        `unknown agency '${input.agencyId}' (see GET /v1/agencies)`,
      ),
    );
  }
  if (input.occurredOn !== undefined && input.occurredOn > today) {
    problems.push(
      detail(
        "occurredOn",
        `tidak boleh di masa depan (hari ini ${today})`,
        `must not be in the future (today is ${today})`,
      ),
    );
  }
  return problems;
}

export function createReport(
  input: NewReportInput,
  ctx: NewReportContext,
): { report: Report; event: TimelineEvent } {
  const problems = checkNewReport(input, ctx.rules.calendar.localDate(ctx.now), ctx.directory);
  if (problems.length > 0)
    throw new DomainError(
      "invalid",
      "invalid_input",
      text("Beberapa isian laporan tidak valid.", "The report has invalid fields."),
      problems,
    );

  const assignedAgencyId = input.agencyId ?? ctx.directory.root().id;
  const at = ctx.now.toISOString();
  const draft: Report = {
    trackingId: ctx.trackingId,
    kind: input.kind,
    title: input.title,
    description: input.description,
    category: input.category,
    ...(input.occurredOn !== undefined && { occurredOn: input.occurredOn }),
    ...(input.location !== undefined && { location: input.location }),
    ...(input.agencyId !== undefined && { requestedAgencyId: input.agencyId }),
    assignedAgencyId,
    agencyPath: ctx.directory.ancestry(assignedAgencyId),
    anonymous: input.anonymous ?? false,
    confidential: input.confidential ?? false,
    ...(input.reporter !== undefined && hasContact(input.reporter) && { reporter: input.reporter }),
    ...(input.locale !== undefined && input.locale !== "id" && { locale: input.locale }),
    ...(ctx.channel !== undefined && { channel: ctx.channel }),
    accessTokenHash: ctx.accessTokenHash,
    status: "submitted",
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  const report = withSchedule(draft, ctx.rules);
  const event: TimelineEvent = {
    seq: 1,
    at,
    type: "submitted",
    actor: { kind: "reporter" },
    status: "submitted",
    agencyId: assignedAgencyId,
    visibility: "public",
  };
  return { report, event };
}

function hasContact(contact: ReporterContact): boolean {
  return Boolean(contact.name || contact.email || contact.phone);
}

/**
 * Recomputes the derived clock fields after a change. The verification deadline is fixed at
 * submission (and only moved by the pause rule), so it is stored rather than recomputed.
 */
export function withSchedule(report: Report, rules: DeadlineRules): Report {
  const { deadlines, pending } = scheduleOf(report, rules);
  const verificationDueAt = report.verificationDueAt ?? deadlines.verification;
  return {
    ...report,
    ...(verificationDueAt !== undefined && { verificationDueAt }),
    deadlines,
    nextDue: pending[0],
    overdueAt: earliestDeadline(deadlines),
  };
}
