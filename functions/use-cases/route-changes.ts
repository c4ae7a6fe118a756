/**
 * Route the table's changes to the queues that need them (the stream's one reader).
 *
 * Input: the new images of written items, as far as routing needs them. Output: how many messages
 * went to each queue. Each written report goes to `figures` once per batch, at its latest version
 * (the consumer reads the report as it is now). Throws when a send fails: the stream batch is
 * retried, and duplicates are harmless downstream.
 */

import type { FiguresMessage } from "../domain/messages";
import { STREAM_ENTITIES } from "../manifests/jobs";
import type { MessageQueue } from "./ports";

export interface ChangedItem {
  readonly entity?: string;
  readonly trackingId?: string;
  readonly version?: number;
}

export async function routeChanges(
  ports: { readonly queue: MessageQueue },
  items: readonly ChangedItem[],
): Promise<{ figures: number }> {
  const latest = new Map<string, number>();
  for (const item of items) {
    if (!STREAM_ENTITIES.includes(item.entity as (typeof STREAM_ENTITIES)[number])) continue;
    if (item.trackingId === undefined || item.version === undefined) continue;
    latest.set(item.trackingId, Math.max(item.version, latest.get(item.trackingId) ?? 0));
  }
  const figures: FiguresMessage[] = [...latest].map(([trackingId, version]) => ({
    v: 1,
    trackingId,
    version,
  }));
  if (figures.length > 0) await ports.queue.send("figures", figures);
  return { figures: figures.length };
}
