import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { container } from "../shared/container";
import { logger } from "../shared/logger";
import { type ChangedItem, routeChanges } from "../use-cases/route-changes";

/**
 * The table's stream reader (report items and timeline events only, filtered by the event source):
 * routes each to the queues that need it. A failed send fails the batch from its first record, which
 * Lambda retries (bisecting) and finally sends to the stream's failure queue.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const items: ChangedItem[] = event.Records.map((record) => {
    const image = record.dynamodb?.NewImage ?? {};
    const version = image.version?.N;
    const seq = image.seq?.N;
    return {
      ...(image.entity?.S !== undefined && { entity: image.entity.S }),
      ...(image.trackingId?.S !== undefined && { trackingId: image.trackingId.S }),
      ...(version !== undefined && { version: Number(version) }),
      ...(seq !== undefined && { seq: Number(seq) }),
      ...(image.type?.S !== undefined && { type: image.type.S }),
    };
  });
  try {
    const routed = await routeChanges(container(), items);
    logger.info("stream batch routed", { records: event.Records.length, ...routed });
    return { batchItemFailures: [] };
  } catch (error) {
    const first = event.Records[0]?.dynamodb?.SequenceNumber;
    logger.error("stream batch not routed", { records: event.Records.length, error: error as Error });
    return { batchItemFailures: first === undefined ? [] : [{ itemIdentifier: first }] };
  }
};
