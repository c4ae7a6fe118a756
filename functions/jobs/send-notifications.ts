import { container } from "../shared/container";
import { withMailer } from "../shared/email";
import { record } from "../shared/metrics";
import { withQueue } from "../shared/queue";
import { queueConsumer } from "../shared/queue-consumer";
import { sendNotifications } from "../use-cases/send-notifications";

/**
 * Notifications queue consumer: one committed timeline event a message; e-mails the reporter and
 * the agencies' contacts, queues the agencies' webhooks (partial batch failures; poison → DLQ).
 * Logs counts and ids only: never an address or a report's content.
 */
export const handler = queueConsumer("notifications", async (message) => {
  try {
    const outcome = await sendNotifications(withQueue(withMailer(container())), message);
    record([
      { name: "EmailsSent", value: outcome.emails },
      { name: "WebhooksQueued", value: outcome.webhooks },
    ]);
    return { trackingId: message.trackingId, seq: message.seq, ...outcome };
  } catch (error) {
    record([{ name: "NotificationsFailed", value: 1 }]);
    throw error;
  }
});
