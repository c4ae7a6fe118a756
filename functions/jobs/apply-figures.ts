import { container } from "../shared/container";
import { queueConsumer } from "../shared/queue-consumer";
import { applyFigures } from "../use-cases/apply-figures";

/** Figures queue consumer: brings one report's contribution to the agency counters up to date. */
export const handler = queueConsumer("figures", async (message) => {
  const outcome = await applyFigures(container(), message.trackingId);
  return { trackingId: message.trackingId, version: message.version, outcome };
});
