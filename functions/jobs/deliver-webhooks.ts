import { container } from "../shared/container";
import { record } from "../shared/metrics";
import { withQueue } from "../shared/queue";
import { queueConsumer } from "../shared/queue-consumer";
import { deliverWebhook } from "../use-cases/deliver-webhook";

/**
 * Webhooks queue consumer: one attempt of one delivery a message. A failed attempt queues the next
 * itself (the stage's backoff) and succeeds; only a delivery whose retries are used up fails, and
 * ends in the dead-letter queue (alarm).
 */
export const handler = queueConsumer("webhooks", async (message) => {
  try {
    const outcome = await deliverWebhook(withQueue(container()), message);
    record([{ name: "WebhookAttempts", value: 1, dimensions: { outcome } }]);
    return {
      deliveryId: message.deliveryId,
      webhookId: message.webhookId,
      attempt: message.attempt,
      outcome,
    };
  } catch (error) {
    record([{ name: "WebhookFailures", value: 1 }]);
    throw error;
  }
});
