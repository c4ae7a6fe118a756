/**
 * What the reporter does: reply (supplying information while on hold), accept or reject a proposed
 * resolution, forward the case to the Ombudsman once the resolution deadline has passed.
 */
import type { Report } from "./report";
import { resumeAfterHold } from "./sla";
import { text } from "./text";
import {
  type Action,
  apply,
  assertAllowed,
  type Change,
  invalidTransition,
  type TransitionContext,
} from "./transitions";

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
export function answerResolution(report: Report, input: FeedbackInput, ctx: TransitionContext): Change {
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
export function recordOmbudsmanForwarding(report: Report, ctx: TransitionContext): Change {
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
