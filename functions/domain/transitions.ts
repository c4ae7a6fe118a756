/**
 * The report lifecycle (PRODUCT.md §3): the transition table — which action may move a report from
 * which status, by whom — and `apply`, the one way a change is made. Every action function (staff
 * actions, follow-ups, reporter actions, escalation) is pure: it takes the report as loaded and
 * returns the report as it must be written plus the one timeline event that records the change.
 * The adapter writes both conditionally on the version it was loaded at, so two admins acting at
 * once cannot both win.
 */
import { forbidden } from "./access";
import type { Attachment, AttachmentStatus } from "./attachments";
import type { DeadlineRules } from "./deadlines";
import type { Directory } from "./directory";
import { DomainError, detail } from "./errors";
import type {
  Actor,
  FollowUp,
  Report,
  ReportStatus,
  StaffRole,
  TimelineEvent,
  TimelineEventType,
  Visibility,
} from "./report";
import { OPEN_STATUSES, REPORT_STATUSES, withSchedule } from "./report";
import { type Text, text } from "./text";
import { ACTION_WORDS, PERFORMER_TEXT, STATUS_TEXT } from "./vocabulary";

export type Action =
  | "verify"
  | "hold"
  | "archive"
  | "dispatch"
  | "return"
  | "draft_follow_up"
  | "publish_follow_up"
  | "reporter_message"
  | "accept_resolution"
  | "reject_resolution"
  | "forward_to_ombudsman"
  | "escalate"
  | "auto_resolve"
  | "expire_hold"
  | "check_attachment"
  | "publish_attachment";

export type Performer = StaffRole | "reporter" | "system";

export interface TransitionRule {
  readonly from: readonly ReportStatus[];
  /** `unchanged` keeps the status (a reply, a re-routing, a draft). */
  readonly to: ReportStatus | "unchanged";
  readonly by: readonly Performer[];
}

const ADMINS: readonly Performer[] = ["national_admin", "agency_admin"];

/** The transition table; README.md shows the same table. */
export const TRANSITIONS: Record<Action, TransitionRule> = {
  verify: { from: ["submitted"], to: "dispatched", by: ADMINS },
  hold: { from: ["submitted"], to: "on_hold", by: ADMINS },
  archive: { from: ["submitted", "on_hold", "dispatched"], to: "archived", by: ADMINS },
  dispatch: { from: ["dispatched", "in_progress"], to: "unchanged", by: ADMINS },
  return: { from: ["submitted", "dispatched"], to: "unchanged", by: ["agency_admin", "unit_admin"] },
  draft_follow_up: { from: ["dispatched", "in_progress"], to: "unchanged", by: ["unit_admin"] },
  publish_follow_up: {
    from: ["dispatched", "in_progress"],
    to: "in_progress",
    by: ["liaison_officer", "agency_admin"],
  },
  reporter_message: { from: OPEN_STATUSES, to: "unchanged", by: ["reporter"] },
  accept_resolution: { from: ["in_progress"], to: "resolved", by: ["reporter"] },
  reject_resolution: { from: ["in_progress"], to: "in_progress", by: ["reporter"] },
  forward_to_ombudsman: {
    from: ["submitted", "dispatched", "in_progress"],
    to: "unchanged",
    by: ["reporter"],
  },
  // Due actions of the escalation sweep (deadlines.ts).
  escalate: { from: ["submitted", "dispatched", "in_progress"], to: "unchanged", by: ["system"] },
  auto_resolve: { from: ["in_progress"], to: "resolved", by: ["system"] },
  expire_hold: { from: ["on_hold"], to: "archived", by: ["system"] },
  // Attachments (attachments.ts): the check's verdict lands whatever the report's status by then.
  check_attachment: { from: REPORT_STATUSES, to: "unchanged", by: ["system"] },
  publish_attachment: {
    from: ["dispatched", "in_progress", "resolved"],
    to: "unchanged",
    by: ["liaison_officer", "agency_admin"],
  },
};

/** What staff do to a report (the rest are the reporter's and the system's). */
export const STAFF_ACTIONS = [
  "verify",
  "hold",
  "archive",
  "dispatch",
  "return",
  "draft_follow_up",
  "publish_follow_up",
  "publish_attachment",
] as const satisfies readonly Action[];
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/**
 * The staff actions `role` may take on a report in `status`, by the transition table: what a
 * console offers (the API still checks scope, and the report's state at the moment of writing).
 */
export function staffActionsFor(status: ReportStatus, role: StaffRole): StaffAction[] {
  return STAFF_ACTIONS.filter((action) => {
    const rule = TRANSITIONS[action];
    return rule.by.includes(role) && rule.from.includes(status);
  });
}

export interface Change {
  readonly report: Report;
  readonly event: TimelineEvent;
  /** A follow-up to write: new (draft or published), or a draft being published. */
  readonly followUp?: FollowUp;
  /** Set when `followUp` publishes an existing draft: the write is conditional on it still being one. */
  readonly publishesDraft?: boolean;
  /**
   * An attachment to write, on condition that its stored status is `attachmentWas` (the check
   * settles a pending one; publishing needs a clean one). A rejection also frees its slot.
   */
  readonly attachment?: Attachment;
  readonly attachmentWas?: AttachmentStatus;
}

export interface TransitionContext {
  readonly now: Date;
  readonly directory: Directory;
  readonly rules: DeadlineRules;
}

/**
 * The 409 of an action the report's state does not allow: "Report X cannot be verified: it is
 * dispatched." — or with the reason given (`why`, a clause).
 */
export function invalidTransition(report: Report, action: Action, why?: Text): DomainError {
  const { done } = ACTION_WORDS[action];
  const status = STATUS_TEXT[report.status];
  const reason = why ?? text(`statusnya sekarang ${status.id}`, `it is ${status.en}`);
  return new DomainError(
    "conflict",
    "invalid_transition",
    text(
      `Laporan ${report.trackingId} tidak dapat ${done.id}: ${reason.id}.`,
      `Report ${report.trackingId} cannot be ${done.en}: ${reason.en}.`,
    ),
    [detail("status", `status sekarang ${report.status}`, `current status is ${report.status}`)],
  );
}

export function assertAllowed(report: Report, action: Action, performer: Performer): void {
  const rule = TRANSITIONS[action];
  if (!rule.by.includes(performer)) {
    const who = PERFORMER_TEXT[performer];
    const { verb } = ACTION_WORDS[action];
    const en = `${/^[aeiou]/i.test(who.en) ? "An" : "A"} ${who.en}`;
    throw forbidden(
      text(`${who.id} tidak berwenang ${verb.id} laporan.`, `${en} may not ${verb.en} a report.`),
    );
  }
  if (!rule.from.includes(report.status)) throw invalidTransition(report, action);
}

export function apply(
  report: Report,
  action: Action,
  ctx: TransitionContext,
  patch: Partial<Report>,
  event: {
    type: TimelineEventType;
    actor: Actor;
    visibility: Visibility;
    note?: string;
    noteVisibility?: Visibility;
  } & Partial<
    Pick<
      TimelineEvent,
      | "followUpId"
      | "rating"
      | "archiveReason"
      | "duplicateOf"
      | "clock"
      | "level"
      | "targets"
      | "attachmentId"
    >
  >,
): Change {
  const rule = TRANSITIONS[action];
  const at = ctx.now.toISOString();
  const assignedAgencyId = patch.assignedAgencyId ?? report.assignedAgencyId;
  const next: Report = withSchedule(
    {
      ...report,
      ...patch,
      // The directory as it is now: a change made after an agency moved re-indexes the report.
      agencyPath: ctx.directory.ancestry(assignedAgencyId),
      status: patch.status ?? (rule.to === "unchanged" ? report.status : rule.to),
      version: report.version + 1,
      updatedAt: at,
    },
    ctx.rules,
  );
  const timelineEvent: TimelineEvent = {
    seq: next.version,
    at,
    status: next.status,
    agencyId: next.assignedAgencyId,
    ...event,
  };
  return { report: next, event: timelineEvent };
}

/** Moves the report to `agencyId`: new assignment, ancestry and dispatch clock. */
export function assignTo(agencyId: string, ctx: TransitionContext): Partial<Report> {
  return {
    assignedAgencyId: agencyId,
    agencyPath: ctx.directory.ancestry(agencyId),
    dispatchedAt: ctx.now.toISOString(),
  };
}
