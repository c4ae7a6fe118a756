/**
 * One attempt of one webhook delivery (webhooks queue consumer).
 *
 * Input: a WebhookMessage. Output: `delivered`, `duplicate` (delivered before: nothing is sent
 * twice after a success), `waiting` (its next attempt is not due yet), `retrying`, or `removed`
 * (the agency deleted the webhook). Throws when the stage's retry schedule is used up, so that the
 * message ends in the webhooks dead-letter queue, whose alarm tells the operators.
 * Steps: drop a delivered id; wait for `notBefore` (SQS delays a message at most 15 minutes, so a
 * longer wait is a chain of delayed re-sends); sign the body (Standard Webhooks) with the webhook's
 * secret and POST it (5 s, internal addresses refused); log the attempt in the agency's delivery
 * log; on a 2xx mark the id delivered, otherwise queue the next attempt after the backoff.
 */
import type { WebhookMessage } from "../domain/messages";
import { nextAttemptAt, signWebhook, type WebhookDelivery } from "../domain/webhooks";
import type { AgencyChannels, Clock, MessageQueue, NotificationLog, WebhookSender } from "./ports";

/** SQS's longest delay of a message. */
const MAX_DELAY_SECONDS = 900;

export interface DeliverWebhookPorts {
  readonly channels: AgencyChannels;
  readonly notificationLog: NotificationLog;
  readonly webhookSender: WebhookSender;
  readonly queue: MessageQueue;
  /**
   * Real time, not the deployment's business clock: a delivery's timestamp is what the receiver
   * checks against its own clock (replay protection), and its retries wait in SQS's real seconds
   * (under `npm start` the business clock can be moved days ahead; this one never is).
   */
  readonly wallClock: Clock;
  /** The waits before attempt 2, 3, … in seconds (stage configuration). */
  readonly webhookRetrySeconds: readonly number[];
}

export type DeliveryOutcome = "delivered" | "duplicate" | "waiting" | "retrying" | "removed";

export class WebhookGaveUp extends Error {
  override readonly name = "WebhookGaveUp";
}

export async function deliverWebhook(
  ports: DeliverWebhookPorts,
  message: WebhookMessage,
): Promise<DeliveryOutcome> {
  if (await ports.notificationLog.isDone(message.deliveryId)) return "duplicate";
  const now = ports.wallClock.now();
  if (message.notBefore !== undefined && Date.parse(message.notBefore) > now.getTime()) {
    await requeue(ports, message, (Date.parse(message.notBefore) - now.getTime()) / 1000);
    return "waiting";
  }
  const webhook = await ports.channels.getWebhook(message.agencyId, message.webhookId);
  if (!webhook) return "removed";

  const headers = signWebhook(webhook.secret, { id: message.deliveryId, timestamp: now, body: message.body });
  const response = await ports.webhookSender.post(webhook.url, headers, message.body);
  const delivered = "status" in response && response.status >= 200 && response.status < 300;
  const next = delivered ? undefined : nextAttemptAt(message.attempt, now, ports.webhookRetrySeconds);
  const entry: WebhookDelivery = {
    deliveryId: message.deliveryId,
    webhookId: message.webhookId,
    eventType: message.eventType,
    trackingId: message.trackingId,
    attempt: message.attempt,
    at: now.toISOString(),
    outcome: delivered
      ? "delivered"
      : next === undefined
        ? "gave_up"
        : "refused" in response && response.refused
          ? "refused"
          : "failed",
    ...("status" in response && { statusCode: response.status }),
    ...("error" in response && { error: response.error }),
    ...(next && { nextAttemptAt: next.toISOString() }),
  };
  await ports.channels.logDelivery(message.agencyId, entry);
  if (delivered) {
    await ports.notificationLog.markDone(message.deliveryId, now);
    return "delivered";
  }
  if (!next)
    throw new WebhookGaveUp(
      `webhook ${message.webhookId} of ${message.agencyId}: attempt ${message.attempt} failed and the retry schedule is used up`,
    );
  await requeue(
    ports,
    { ...message, attempt: message.attempt + 1, notBefore: next.toISOString() },
    (next.getTime() - now.getTime()) / 1000,
  );
  return "retrying";
}

function requeue(ports: DeliverWebhookPorts, message: WebhookMessage, seconds: number): Promise<void> {
  return ports.queue.send("webhooks", [message], {
    delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.max(0, Math.ceil(seconds))),
  });
}
