/**
 * The escalation sweep (EventBridge Scheduler, every 15 minutes by default).
 *
 * Input: the current instant. Output: how many due actions were queued and the read capacity used.
 * Steps: query every shard of the sparse byDueDate index for reports whose next due action is at
 * or before now (never the whole table), and send one message per due action to the escalations
 * queue. The sweep changes nothing itself: the consumer re-checks each action against the report
 * and applies it at most once, so a sweep that runs twice, or overlaps a slow consumer, is harmless.
 */

import type { EscalationMessage } from "../domain/messages";
import { DUE_SHARDS } from "../manifests/table-design";
import type { Clock, DueIndex, DueItem, MessageQueue } from "./ports";

export interface SweepPorts {
  readonly dueIndex: DueIndex;
  readonly queue: MessageQueue;
  readonly clock: Clock;
}

export interface SweepResult {
  readonly queued: number;
  readonly consumedReadUnits: number;
  readonly at: string;
  /** How long the oldest queued action had been due (0 when none was): the sweep's lag. */
  readonly lagSeconds: number;
}

export async function sweepOverdue(ports: SweepPorts): Promise<SweepResult> {
  const now = ports.clock.now();
  const perShard = await Promise.all(
    Array.from({ length: DUE_SHARDS }, async (_, shard) => {
      let queued = 0;
      let consumedReadUnits = 0;
      let oldest = now.getTime();
      let cursor: Record<string, unknown> | undefined;
      do {
        const page = await ports.dueIndex.due(shard, now, cursor);
        consumedReadUnits += page.consumedReadUnits;
        await ports.queue.send("escalations", page.items.map(toMessage));
        queued += page.items.length;
        for (const item of page.items) oldest = Math.min(oldest, Date.parse(item.dueAt));
        cursor = page.cursor;
      } while (cursor);
      return { queued, consumedReadUnits, oldest };
    }),
  );
  return {
    queued: perShard.reduce((sum, s) => sum + s.queued, 0),
    consumedReadUnits: perShard.reduce((sum, s) => sum + s.consumedReadUnits, 0),
    at: now.toISOString(),
    lagSeconds: Math.max(0, Math.round((now.getTime() - Math.min(...perShard.map((s) => s.oldest))) / 1000)),
  };
}

function toMessage(item: DueItem): EscalationMessage {
  return { v: 1, trackingId: item.trackingId, action: item.action, dueAt: item.dueAt };
}
