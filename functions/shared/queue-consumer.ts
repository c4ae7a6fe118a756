/**
 * The shape every queue job shares: each record parsed with its queue's message schema and
 * processed on its own; a failure is logged and reported in `batchItemFailures`, so SQS retries
 * only that message and, after the queue's maxReceiveCount, keeps it in the dead-letter queue
 * (whose alarm tells a human).
 */
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { parseMessage, type QueueMessage, type QueueName } from "../domain/messages";
import { logger } from "./logger";
import { observedJob } from "./observability";

export function queueConsumer<Q extends QueueName>(
  queue: Q,
  process: (message: QueueMessage<Q>) => Promise<Record<string, unknown>>,
) {
  return observedJob(async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
    for (const record of event.Records) {
      // Every line about this message carries its id: one search finds its whole story.
      logger.setCorrelationId(record.messageId);
      try {
        const outcome = await process(parseMessage(queue, record.body));
        logger.info(`${queue} message`, { messageId: record.messageId, ...outcome });
      } catch (error) {
        logger.error(`${queue} message failed`, { messageId: record.messageId, error: error as Error });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  });
}
