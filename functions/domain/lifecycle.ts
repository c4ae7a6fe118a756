/**
 * The report lifecycle (PRODUCT.md §3): which action may move a report from which status, by whom,
 * and what it changes. Every function is pure: it takes the report as loaded and returns the
 * report as it must be written plus the one timeline event that records the change. The adapter
 * writes both conditionally on the version it was loaded at, so two admins acting at once cannot
 * both win.
 */
import { assertAgencyInScope, forbidden, needToKnow, type StaffPrincipal, staffActor } from "./access";
import { type DeadlineRules, type DueAction, dueNow } from "./deadlines";
import type { Directory } from "./directory";
import { DomainError, detail } from "./errors";
import type {
  Actor,
  FollowUp,
  Report,
  ReportKind,
  ReportStatus,
  StaffRole,
  TimelineEvent,
  TimelineEventType,
  Visibility,
} from "./report";
import { OPEN_STATUSES, type STAFF_ARCHIVE_REASONS, withSchedule } from "./report";
import { resumeAfterHold } from "./sla";
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
  | "expire_hold";

type Performer = StaffRole | "reporter" | "system";

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
};

export interface Change {
  readonly report: Report;
  readonly event: TimelineEvent;
  /** A follow-up to write: new (draft or published), or a draft being published. */
  readonly followUp?: FollowUp;
  /** Set when `followUp` publishes an existing draft: the write is conditional on it still being one. */
  readonly publishesDraft?: boolean;
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

function assertAllowed(report: Report, action: Action, performer: Performer): void {
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

function apply(
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
      "followUpId" | "rating" | "archiveReason" | "duplicateOf" | "clock" | "level" | "targets"
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
function assignTo(agencyId: string, ctx: TransitionContext): Partial<Report> {
  return {
    assignedAgencyId: agencyId,
    agencyPath: ctx.directory.ancestry(agencyId),
    dispatchedAt: ctx.now.toISOString(),
  };
}

/**
 * Dispatch goes down the tree only. The target's existence and scope are checked before (404);
 * a target not below where the report is *now* conflicts with its current state — typically
 * someone else dispatched it a moment earlier — so it is a 409 naming where the report is.
 */
function assertBelow(report: Report, target: string, ctx: TransitionContext, allowSelf: boolean): void {
  const path = ctx.directory.ancestry(target);
  const below = path.includes(report.assignedAgencyId) && (allowSelf || target !== report.assignedAgencyId);
  if (!below) {
    const here = report.assignedAgencyId;
    throw new DomainError(
      "conflict",
      "invalid_transition",
      text(
        `Laporan ${report.trackingId} kini ada di ${here}; laporan hanya dapat didisposisikan ke instansi ${allowSelf ? "itu atau " : ""}di bawahnya.`,
        `Report ${report.trackingId} is now with ${here}; it can only be dispatched to an agency ${allowSelf ? "at or " : ""}below that.`,
      ),
      [
        detail("agencyId", `harus instansi di bawah ${here}`, `must be an agency below ${here}`),
        detail("status", `status sekarang ${report.status}`, `current status is ${report.status}`),
      ],
    );
  }
}

export interface VerifyInput {
  readonly dispatchTo?: string;
  readonly kind?: ReportKind;
  readonly category?: string;
  readonly anonymous?: boolean;
  readonly confidential?: boolean;
  readonly note?: string;
}

/** Accept a report; optionally correct it, make it stricter, and dispatch it in the same step. */
export function verify(
  report: Report,
  principal: StaffPrincipal,
  input: VerifyInput,
  ctx: TransitionContext,
): Change {
  assertAllowed(report, "verify", principal.role);
  if (input.category !== undefined && !ctx.directory.category(input.category)) {
    throw new DomainError("invalid", "invalid_input", text("Kategori tidak dikenal.", "Unknown category."), [
      detail(
        "category",
        `kategori '${input.category}' tidak dikenal`,
        `unknown category '${input.category}'`,
      ),
    ]);
  }
  if (input.anonymous === false && report.anonymous) throw looser("anonymous");
  if (input.confidential === false && report.confidential) throw looser("confidential");
  const target = input.dispatchTo ?? report.assignedAgencyId;
  if (input.dispatchTo !== undefined) {
    assertAgencyInScope(principal, input.dispatchTo, ctx.directory);
    assertBelow(report, input.dispatchTo, ctx, true);
  }
  const dispatched = target !== report.assignedAgencyId;
  return apply(
    report,
    "verify",
    ctx,
    {
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.category !== undefined && { category: input.category }),
      anonymous: report.anonymous || input.anonymous === true,
      confidential: report.confidential || input.confidential === true,
      verifiedAt: ctx.now.toISOString(),
      ...assignTo(target, ctx),
      ...(dispatched && { dispatchChain: [...(report.dispatchChain ?? []), report.assignedAgencyId] }),
    },
    {
      type: "verified",
      actor: staffActor(principal),
      visibility: "public",
      ...(input.note !== undefined && { note: input.note, noteVisibility: "staff" as const }),
    },
  );
}

function looser(flag: string): DomainError {
  return new DomainError(
    "invalid",
    "invalid_input",
    text(
      "Pengaturan privasi hanya dapat diperketat, tidak dapat dilonggarkan.",
      "Privacy flags can be made stricter, never looser.",
    ),
    [detail(flag, "tidak dapat dimatikan setelah dinyalakan", "cannot be switched off once set")],
  );
}

/** Ask the reporter for more information; the verification clock pauses. */
export function hold(
  report: Report,
  principal: StaffPrincipal,
  reason: string,
  ctx: TransitionContext,
): Change {
  assertAllowed(report, "hold", principal.role);
  return apply(
    report,
    "hold",
    ctx,
    { heldAt: ctx.now.toISOString() },
    {
      type: "held",
      actor: staffActor(principal),
      visibility: "public",
      note: reason,
      noteVisibility: "reporter",
    },
  );
}

export interface ArchiveInput {
  readonly reason: (typeof STAFF_ARCHIVE_REASONS)[number];
  readonly note?: string;
  /** Canonical tracking ID of the original, when reason is `duplicate` (existence checked by the caller). */
  readonly duplicateOf?: string;
}

export function archive(
  report: Report,
  principal: StaffPrincipal,
  input: ArchiveInput,
  ctx: TransitionContext,
): Change {
  assertAllowed(report, "archive", principal.role);
  if (
    (input.reason === "duplicate") !== (input.duplicateOf !== undefined) ||
    input.duplicateOf === report.trackingId
  ) {
    throw new DomainError(
      "invalid",
      "invalid_input",
      text(
        "Laporan duplikat menyebut laporan aslinya, dan hanya laporan duplikat yang menyebutnya.",
        "A duplicate names the original report, and only a duplicate does.",
      ),
      [
        detail(
          "duplicateOf",
          "wajib diisi (dan berbeda dari laporan ini) tepat ketika alasannya duplicate",
          "required (and different from this report) exactly when reason is duplicate",
        ),
      ],
    );
  }
  return apply(
    report,
    "archive",
    ctx,
    {
      archivedAt: ctx.now.toISOString(),
      archiveReason: input.reason,
      ...(input.duplicateOf !== undefined && { duplicateOf: input.duplicateOf }),
    },
    {
      type: "archived",
      actor: staffActor(principal),
      visibility: "public",
      archiveReason: input.reason,
      ...(input.duplicateOf !== undefined && { duplicateOf: input.duplicateOf }),
      ...(input.note !== undefined && { note: input.note, noteVisibility: "reporter" as const }),
    },
  );
}

/** Route the report further down: national admin to an agency, agency admin to one of its units. */
export function dispatch(
  report: Report,
  principal: StaffPrincipal,
  input: { readonly agencyId: string; readonly note?: string },
  ctx: TransitionContext,
): Change {
  assertAllowed(report, "dispatch", principal.role);
  assertAgencyInScope(principal, input.agencyId, ctx.directory);
  assertBelow(report, input.agencyId, ctx, false);
  return apply(
    report,
    "dispatch",
    ctx,
    {
      ...assignTo(input.agencyId, ctx),
      dispatchChain: [...(report.dispatchChain ?? []), report.assignedAgencyId],
    },
    {
      type: "dispatched",
      actor: staffActor(principal),
      visibility: "public",
      ...(input.note !== undefined && { note: input.note, noteVisibility: "staff" as const }),
    },
  );
}

/**
 * "Bukan wewenang": the agency holding the report says it is not theirs. It goes back to whoever
 * dispatched it (or to the national admin when the citizen addressed this agency directly).
 */
export function returnReport(
  report: Report,
  principal: StaffPrincipal,
  reason: string,
  ctx: TransitionContext,
): Change {
  assertAllowed(report, "return", principal.role);
  if (principal.agencyId !== report.assignedAgencyId) {
    throw forbidden(
      text(
        "Hanya instansi yang memegang laporan ini yang dapat mengembalikannya.",
        "Only the agency the report is assigned to can return it.",
      ),
    );
  }
  const chain = report.dispatchChain ?? [];
  const root = ctx.directory.root().id;
  const target = chain.at(-1) ?? root;
  if (target === report.assignedAgencyId)
    throw invalidTransition(
      report,
      "return",
      text("tidak ada pihak untuk menerima pengembalian", "there is nobody to return it to"),
    );
  return apply(
    report,
    "return",
    ctx,
    { ...assignTo(target, ctx), dispatchChain: chain.slice(0, -1) },
    { type: "returned", actor: staffActor(principal), visibility: "public", note: reason },
  );
}

export interface FollowUpInput {
  readonly id: string;
  readonly message: string;
  readonly final: boolean;
}

/** A unit admin's follow-up is a draft; a liaison officer's or agency admin's is published at once. */
export function addFollowUp(
  report: Report,
  principal: StaffPrincipal,
  input: FollowUpInput,
  ctx: TransitionContext,
): Change {
  const publishes = principal.role === "liaison_officer" || principal.role === "agency_admin";
  const actor = staffActor(principal);
  const draft: FollowUp = {
    id: input.id,
    trackingId: report.trackingId,
    message: input.message,
    final: input.final,
    status: "draft",
    agencyId: principal.agencyId,
    author: actor,
    createdAt: ctx.now.toISOString(),
  };
  if (!publishes) {
    assertAllowed(report, "draft_follow_up", principal.role);
    const change = apply(
      report,
      "draft_follow_up",
      ctx,
      {},
      {
        type: "follow_up_drafted",
        actor,
        visibility: "staff",
        followUpId: input.id,
      },
    );
    return { ...change, followUp: draft };
  }
  return publish(report, principal, draft, ctx, false);
}

/** A liaison officer or agency admin publishes a unit's draft. */
export function publishFollowUp(
  report: Report,
  principal: StaffPrincipal,
  followUp: FollowUp,
  ctx: TransitionContext,
): Change {
  if (followUp.status !== "draft") {
    throw new DomainError(
      "conflict",
      "invalid_transition",
      text(
        `Tindak lanjut ${followUp.id} sudah diterbitkan.`,
        `Follow-up ${followUp.id} is already published.`,
      ),
      [detail("followUpId", "sudah diterbitkan", "already published")],
    );
  }
  return publish(report, principal, followUp, ctx, true);
}

function publish(
  report: Report,
  principal: StaffPrincipal,
  followUp: FollowUp,
  ctx: TransitionContext,
  publishesDraft: boolean,
): Change {
  assertAllowed(report, "publish_follow_up", principal.role);
  const at = ctx.now.toISOString();
  const change = apply(
    report,
    "publish_follow_up",
    ctx,
    {
      firstFollowUpAt: report.firstFollowUpAt ?? at,
      lastFollowUpAt: at,
      ...(followUp.final ? { resolutionProposedAt: at } : {}),
    },
    {
      type: "follow_up_published",
      actor: staffActor(principal),
      visibility: "public",
      note: followUp.message,
      followUpId: followUp.id,
    },
  );
  const published: FollowUp = {
    ...followUp,
    status: "published",
    publishedAt: at,
    publishedBy: staffActor(principal),
  };
  return { ...change, followUp: published, publishesDraft };
}

/** The reporter writes: a reply on an open report; on hold, it supplies the information asked for. */
export function reporterMessage(report: Report, message: string, ctx: TransitionContext): Change {
  assertAllowed(report, "reporter_message", "reporter");
  const supplies = report.status === "on_hold";
  // The verification clock was paused while on hold: it resumes with the working days it had left.
  const resumed =
    supplies && report.verificationDueAt && report.heldAt
      ? resumeAfterHold(
          new Date(report.verificationDueAt),
          new Date(report.heldAt),
          ctx.now,
          ctx.rules.calendar,
        )
      : undefined;
  const patch: Partial<Report> = supplies
    ? { status: "submitted", heldAt: undefined, ...(resumed && { verificationDueAt: resumed.toISOString() }) }
    : {};
  return apply(report, "reporter_message", ctx, patch, {
    type: supplies ? "information_supplied" : "reporter_message",
    actor: { kind: "reporter" },
    visibility: "reporter",
    note: message,
  });
}

export type FeedbackInput =
  | { readonly accepted: true; readonly rating: number; readonly comment?: string }
  | { readonly accepted: false; readonly comment: string };

/** The reporter accepts a proposed resolution (resolved, rated) or rejects it (reopened). */
export function giveFeedback(report: Report, input: FeedbackInput, ctx: TransitionContext): Change {
  const action: Action = input.accepted ? "accept_resolution" : "reject_resolution";
  assertAllowed(report, action, "reporter");
  if (report.resolutionProposedAt === undefined) {
    throw invalidTransition(
      report,
      action,
      text("belum ada usulan penyelesaian", "no resolution has been proposed yet"),
    );
  }
  const comment =
    input.comment === undefined ? {} : { note: input.comment, noteVisibility: "reporter" as const };
  if (input.accepted) {
    return apply(
      report,
      action,
      ctx,
      { resolvedAt: ctx.now.toISOString(), rating: input.rating },
      {
        type: "resolved",
        actor: { kind: "reporter" },
        visibility: "public",
        rating: input.rating,
        ...comment,
      },
    );
  }
  return apply(
    report,
    action,
    ctx,
    { resolutionProposedAt: undefined, reopenCount: (report.reopenCount ?? 0) + 1 },
    { type: "reopened", actor: { kind: "reporter" }, visibility: "public", ...comment },
  );
}

/** Once the resolution deadline has passed, the reporter may record forwarding the case to the Ombudsman. */
export function forwardToOmbudsman(report: Report, ctx: TransitionContext): Change {
  assertAllowed(report, "forward_to_ombudsman", "reporter");
  if (!report.ombudsmanEligibleAt) {
    throw invalidTransition(
      report,
      "forward_to_ombudsman",
      text("batas waktu penyelesaian belum terlewati", "the resolution deadline has not passed yet"),
    );
  }
  if (report.ombudsmanForwardedAt) {
    throw invalidTransition(
      report,
      "forward_to_ombudsman",
      text("laporan ini sudah diteruskan ke Ombudsman", "it was already forwarded to the Ombudsman"),
    );
  }
  return apply(
    report,
    "forward_to_ombudsman",
    ctx,
    { ombudsmanForwardedAt: ctx.now.toISOString() },
    { type: "ombudsman_forwarded", actor: { kind: "reporter" }, visibility: "public" },
  );
}

/**
 * Applies one due action of the sweep if it is still pending and due now; `undefined` when it is
 * not (already applied through a duplicate message, or the report moved on), so the caller
 * acknowledges the message without writing anything.
 */
export function applyDueAction(
  report: Report,
  action: Pick<DueAction, "clock" | "level">,
  ctx: TransitionContext,
): { change: Change; targets: readonly string[] } | undefined {
  const due = dueNow(report, ctx.rules, action, ctx.now);
  if (!due) return undefined;
  const at = ctx.now.toISOString();
  const escalations = [...(report.escalations ?? []), { ...due, appliedAt: at }];
  const system: Actor = { kind: "system" };
  const root = ctx.directory.root().id;
  const tag = { clock: due.clock, level: due.level };
  switch (due.clock) {
    case "autoResolve":
      return {
        targets: [report.assignedAgencyId],
        change: apply(
          report,
          "auto_resolve",
          ctx,
          { escalations, resolvedAt: at, resolutionProposedAt: undefined },
          {
            type: "auto_resolved",
            actor: system,
            visibility: "public",
            note: "The reporter did not answer the final follow-up in time: resolved automatically.",
            ...tag,
          },
        ),
      };
    case "holdExpiry":
      return {
        targets: [report.assignedAgencyId],
        change: apply(
          report,
          "expire_hold",
          ctx,
          { escalations, archivedAt: at, archiveReason: "withdrawn", heldAt: undefined },
          {
            type: "archived",
            actor: system,
            visibility: "public",
            archiveReason: "withdrawn",
            note: "The requested information did not arrive in time: archived as withdrawn.",
            ...tag,
          },
        ),
      };
    case "resolution":
      return {
        targets: [root],
        change: apply(
          report,
          "escalate",
          ctx,
          { escalations, ombudsmanEligibleAt: at },
          {
            type: "ombudsman_eligible",
            actor: system,
            visibility: "reporter",
            note:
              "The resolution deadline has passed. You may forward this case to the Ombudsman; " +
              "the case file lists what happened.",
            ...tag,
            targets: [root],
          },
        ),
      };
    default: {
      const targets = escalationTargets(report, due, ctx.directory);
      const what = due.clock === "verification" ? "Verification" : "First follow-up";
      return {
        targets,
        change: apply(
          report,
          "escalate",
          ctx,
          { escalations },
          {
            type: "escalated",
            actor: system,
            visibility: "public",
            note: `${what} overdue since ${ctx.rules.calendar.describe(new Date(due.at))}: escalation level ${due.level}.`,
            ...tag,
            targets,
          },
        ),
      };
    }
  }
}

/**
 * Who an overdue clock is escalated to. Verification: the national admin. First follow-up:
 * level 1 reminds the agency holding it (and, when a unit holds it, the unit's agency); level 2
 * the parent of that agency (its admins and supervisors); level 3 the national admin. A
 * confidential report is only ever escalated to agencies that may read it (its holder and dispatch
 * chain); a level whose target may not is sent to the national admin instead.
 */
export function escalationTargets(
  report: Report,
  due: Pick<DueAction, "clock" | "level">,
  directory: Directory,
): readonly string[] {
  const allowed = needToKnow(report, directory);
  const targets = plainEscalationTargets(report, due, directory);
  if (!allowed) return targets;
  const root = directory.root().id;
  return [...new Set(targets.map((id) => (allowed.has(id) ? id : root)))];
}

function plainEscalationTargets(
  report: Report,
  due: Pick<DueAction, "clock" | "level">,
  directory: Directory,
): readonly string[] {
  const root = directory.root().id;
  if (due.clock !== "firstFollowUp" || due.level >= 3) return [root];
  const path = directory.ancestry(report.assignedAgencyId);
  const agencyIndex = Math.max(
    path.findLastIndex((id) => directory.agency(id)?.level !== "unit"),
    0,
  );
  const agency = path[agencyIndex] ?? root;
  if (due.level === 1) return [...new Set([report.assignedAgencyId, agency])];
  return [path[Math.max(agencyIndex - 1, 0)] ?? root];
}
