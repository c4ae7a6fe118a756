/**
 * Every message that travels between Aduan's steps through a queue, declared once: the producer
 * builds it with these types and the consumer parses it with these schemas, so the two cannot
 * disagree. Each schema carries a version `v`; a consumer refuses (and the message ends in the DLQ)
 * a version it does not know rather than guessing. The queue port (use-cases/ports.ts) is typed by
 * queue name, so a message can only be sent to the queue that expects it.
 */
import * as z from "./zod";

/** One due action of the sweep, applied by `apply-escalation` (`clock:level`, e.g. `firstFollowUp:2`). */
export const EscalationMessage = z.object({
  v: z.literal(1),
  trackingId: z.string().check(z.minLength(1)),
  action: z.string().check(z.minLength(1)),
  dueAt: z.optional(z.string()),
});

/**
 * A committed timeline event that may owe notifications (the table's stream, routed by
 * `route-changes`): the notifier reads the report and decides who hears of it
 * (domain/notifications.ts). Version 1 (escalations only, sent by the escalation job) is retired.
 */
export const NotificationMessage = z.object({
  v: z.literal(2),
  trackingId: z.string().check(z.minLength(1)),
  seq: z.int().check(z.gte(1)),
});

/**
 * One webhook delivery to one endpoint (`deliver-webhooks`). `deliveryId` is the same on every
 * attempt (the receiver's `webhook-id`); `body` is the signed payload, fixed at the first attempt.
 * A failed attempt queues the next with `attempt + 1` and `notBefore` (the stage's backoff).
 */
export const WebhookMessage = z.object({
  v: z.literal(1),
  deliveryId: z.string().check(z.minLength(1)),
  agencyId: z.string().check(z.minLength(1)),
  webhookId: z.string().check(z.minLength(1)),
  eventType: z.string().check(z.minLength(1)),
  trackingId: z.string().check(z.minLength(1)),
  body: z.string().check(z.minLength(2)),
  attempt: z.int().check(z.gte(1)),
  notBefore: z.optional(z.string()),
});

/**
 * One page of the re-indexing of a moved agency's subtree: reports indexed under `agencyId` at
 * tree depth `fromDepth` (where it was before the move), status by status from `cursor`. `step`
 * counts pages, so progress is recorded once per page however often a message is redelivered.
 */
export const ReindexMessage = z.object({
  v: z.literal(1),
  jobId: z.string().check(z.minLength(1)),
  agencyId: z.string().check(z.minLength(1)),
  fromDepth: z.int().check(z.gte(0)),
  statusIndex: z.int().check(z.gte(0)),
  cursor: z.optional(z.string()),
  step: z.int().check(z.gte(0)),
});

/**
 * A report was written (the table's stream, routed by `route-changes`): bring its contribution to
 * the agency figures up to date. `version` is the written version, for logs; the consumer always
 * reads the report as it is now, so order and duplicates do not matter.
 */
export const FiguresMessage = z.object({
  v: z.literal(1),
  trackingId: z.string().check(z.minLength(1)),
  version: z.int().check(z.gte(1)),
});

/** A staff export to write (`write-export`): the record says what, for whom, and where. */
export const ExportMessage = z.object({ v: z.literal(1), exportId: z.string().check(z.minLength(1)) });

/**
 * The bucket's notification of an upload under `incoming/` (S3's own format, so no `v`: its
 * `eventVersion` is S3's), or the test event S3 sends once when the notification is set up.
 */
export const S3NotificationMessage = z.union([
  z.object({
    Records: z.array(
      z.object({
        eventName: z.string(),
        s3: z.object({
          bucket: z.object({ name: z.string() }),
          object: z.object({ key: z.string(), size: z.optional(z.number()) }),
        }),
      }),
    ),
  }),
  z.object({ Event: z.literal("s3:TestEvent") }),
]);

export const QUEUE_MESSAGES = {
  notifications: NotificationMessage,
  webhooks: WebhookMessage,
  escalations: EscalationMessage,
  reindex: ReindexMessage,
  figures: FiguresMessage,
  exports: ExportMessage,
  attachments: S3NotificationMessage,
} as const;

export type QueueName = keyof typeof QUEUE_MESSAGES;
export type QueueMessage<Q extends QueueName> = z.infer<(typeof QUEUE_MESSAGES)[Q]>;
export type EscalationMessage = QueueMessage<"escalations">;
export type NotificationMessage = QueueMessage<"notifications">;
export type WebhookMessage = QueueMessage<"webhooks">;
export type ReindexMessage = QueueMessage<"reindex">;
export type FiguresMessage = QueueMessage<"figures">;
export type ExportMessage = QueueMessage<"exports">;

/** Parses a message body from its queue; throws (the record fails, is retried, then dead-lettered). */
export function parseMessage<Q extends QueueName>(queue: Q, body: string): QueueMessage<Q> {
  return QUEUE_MESSAGES[queue].parse(JSON.parse(body)) as QueueMessage<Q>;
}
