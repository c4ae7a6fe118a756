/**
 * Follow-ups (tindak lanjut): a unit admin drafts, a liaison officer or agency admin publishes; a
 * final one proposes resolution to the reporter.
 */
import { type StaffPrincipal, staffActor } from "./access";
import { DomainError, detail } from "./errors";
import type { FollowUp, Report } from "./report";
import { text } from "./text";
import { apply, assertAllowed, type Change, type TransitionContext } from "./transitions";

export interface FollowUpInput {
  readonly id: string;
  readonly message: string;
  readonly final: boolean;
}

/** A unit admin's follow-up is a draft; a liaison officer's or agency admin's is published at once. */
export function writeFollowUp(
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
export function publishDraft(
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
      latestFollowUp: followUp.message,
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
