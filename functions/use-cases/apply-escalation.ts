/**
 * Apply one due action queued by the sweep (escalations queue consumer).
 *
 * Input: `{trackingId, action: "clock:level", dueAt}`. Output: `applied` or `skipped`.
 * Steps: load the report; if the action is still pending and due, apply it (escalate, auto-resolve,
 * expire a hold, mark Ombudsman-eligible) as one conditional write with its timeline event. The
 * event reaches the notifier through the table's stream like every committed change, so a crash
 * right after the write loses no notification. Each action is applied at most once per clock,
 * level and anchor: a duplicate message finds it recorded and is skipped. A concurrent change
 * makes the write fail and the message is retried. When the next level is already due too (after an outage), it is
 * queued at once instead of waiting for the next sweep.
 */
import { formatDueAction, parseDueAction } from "../domain/deadlines";
import { applyDueAction } from "../domain/escalation";
import type { EscalationMessage } from "../domain/messages";
import type { ChangePorts } from "./change-report";
import type { MessageQueue } from "./ports";

export interface EscalationPorts extends ChangePorts {
  readonly queue: MessageQueue;
}

export async function applyEscalation(
  ports: EscalationPorts,
  message: Pick<EscalationMessage, "trackingId" | "action">,
): Promise<"applied" | "skipped"> {
  const action = parseDueAction(message.action);
  const [stored, directory] = await Promise.all([
    ports.reports.load(message.trackingId),
    ports.directory.load(),
  ]);
  if (!stored) return "skipped"; // nothing to escalate: the report no longer exists
  const ctx = { now: ports.clock.now(), directory, rules: ports.rules };
  const decided = applyDueAction(stored.report, action, ctx);
  if (!decided) return "skipped";
  if ((await ports.reports.saveChange(stored.report.version, decided.change)) === "conflict") {
    throw new Error(`report ${message.trackingId} changed while escalating ${message.action}; will retry`);
  }
  const after = decided.change.report;
  // After an outage (or a jump of the local clock) the next level may be overdue already: queue it
  // now rather than one sweep later. The consumer re-checks it like any other message.
  if (after.nextDue && Date.parse(after.nextDue.at) <= ctx.now.getTime()) {
    await ports.queue.send("escalations", [
      { v: 1, trackingId: after.trackingId, action: formatDueAction(after.nextDue), dueAt: after.nextDue.at },
    ]);
  }
  return "applied";
}
