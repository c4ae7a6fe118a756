import { container } from "../shared/container";
import { withQueue } from "../shared/queue";
import { queueConsumer } from "../shared/queue-consumer";
import { applyEscalation } from "../use-cases/apply-escalation";

/** Escalations queue consumer: one due action a message (partial batch failures; poison → DLQ). */
export const handler = queueConsumer("escalations", async (message) => {
  const outcome = await applyEscalation(withQueue(container()), message);
  return { trackingId: message.trackingId, action: message.action, outcome };
});
