/**
 * Route the table's changes to the queues that need them (the stream's one reader).
 *
 * Input: the new images of written items, as far as routing needs them. Output: how many messages
 * went to each queue.
 *  - Each written report goes to `figures` once per batch, at its latest version (the consumer
 *    reads the report as it is now).
 *  - Each new timeline event that can owe a notification goes to `notifications`, every one of
 *    them (two changes in one batch are two notifications).
 * Throws when a send fails: the stream batch is retried, and duplicates are harmless downstream
 * (figures are reconciled; notifications carry deterministic ids).
 */

import type { FiguresMessage, NotificationMessage } from "../domain/messages";
import { NOTIFYING_EVENTS } from "../domain/notifications";
import type { TimelineEventType } from "../domain/report";
import type { MessageQueue } from "./ports";

export interface ChangedItem {
  readonly entity?: string;
  readonly trackingId?: string;
  /** A report's version. */
  readonly version?: number;
  /** A timeline event's number and type. */
  readonly seq?: number;
  readonly type?: string;
  /** For metrics: a report's kind and channel, an escalation's clock and level. */
  readonly kind?: string;
  readonly channel?: string;
  readonly clock?: string;
  readonly level?: number;
}

export async function routeChanges(
  ports: { readonly queue: MessageQueue },
  items: readonly ChangedItem[],
): Promise<{ figures: number; notifications: number }> {
  const latest = new Map<string, number>();
  const notifications: NotificationMessage[] = [];
  for (const item of items) {
    if (item.trackingId === undefined) continue;
    if (item.entity === "report" && item.version !== undefined)
      latest.set(item.trackingId, Math.max(item.version, latest.get(item.trackingId) ?? 0));
    else if (
      item.entity === "event" &&
      item.seq !== undefined &&
      NOTIFYING_EVENTS.has(item.type as TimelineEventType)
    )
      notifications.push({ v: 2, trackingId: item.trackingId, seq: item.seq });
  }
  const figures: FiguresMessage[] = [...latest].map(([trackingId, version]) => ({
    v: 1,
    trackingId,
    version,
  }));
  if (figures.length > 0) await ports.queue.send("figures", figures);
  if (notifications.length > 0) await ports.queue.send("notifications", notifications);
  return { figures: figures.length, notifications: notifications.length };
}
