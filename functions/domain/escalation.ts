/**
 * The due actions of the escalation sweep, applied to a report: escalate an overdue clock (to whom,
 * level by level), resolve automatically, expire a hold, mark the report Ombudsman-eligible. The
 * clocks themselves are computed in deadlines.ts.
 */
import { needToKnow } from "./access";
import { type DueAction, dueNow } from "./deadlines";
import type { Directory } from "./directory";
import type { Actor, Report } from "./report";
import { apply, type Change, type TransitionContext } from "./transitions";

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
