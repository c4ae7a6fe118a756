import { container } from "../shared/container";
import { withQueue } from "../shared/queue";
import { queueConsumer } from "../shared/queue-consumer";
import { reindexReports } from "../use-cases/reindex-reports";

/**
 * Reindex queue consumer: one page of a moved agency's reports a message; a page that keeps
 * failing stays in the DLQ and the job's record says where it stopped.
 */
export const handler = queueConsumer("reindex", async (message) => {
  const outcome = await reindexReports(withQueue(container()), message);
  return { jobId: message.jobId, step: message.step, outcome };
});
