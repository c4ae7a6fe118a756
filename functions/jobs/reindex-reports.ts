import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { parseMessage } from "../domain/messages";
import { container } from "../shared/container";
import { logger } from "../shared/logger";
import { reindexReports } from "../use-cases/reindex-reports";

/**
 * Reindex queue consumer: one page of a moved agency's reports a message. A failure is reported
 * in `batchItemFailures`, so SQS retries the message and, after five tries, keeps it in the DLQ
 * (whose alarm fires); the job's record says where it stopped.
 */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse["batchItemFailures"] = [];
  for (const record of event.Records) {
    try {
      const message = parseMessage("reindex", record.body);
      const outcome = await reindexReports(container(), message);
      logger.info("reindex page", {
        messageId: record.messageId,
        jobId: message.jobId,
        step: message.step,
        outcome,
      });
    } catch (error) {
      logger.error("reindex page failed", { messageId: record.messageId, error: error as Error });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
