import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { parseMessage } from "../domain/messages";
import { container } from "../shared/container";
import { logger } from "../shared/logger";
import { applyEscalation } from "../use-cases/apply-escalation";

/**
 * Escalations queue consumer. Each record stands alone: a failure is reported in
 * `batchItemFailures` so only that message is retried, and a message that keeps failing (a
 * poison message, or a bug) lands in the dead-letter queue, whose alarm tells a human.
 */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    try {
      const message = parseMessage("escalations", record.body);
      const outcome = await applyEscalation(container(), message);
      logger.info("escalation", { messageId: record.messageId, ...message, outcome });
    } catch (error) {
      logger.error("escalation failed", { messageId: record.messageId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
