import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";
import { businessMetrics } from "../domain/business-metrics";
import { container } from "../shared/container";
import { logger } from "../shared/logger";
import { record } from "../shared/metrics";
import { observedJob } from "../shared/observability";
import { withQueue } from "../shared/queue";
import { type ChangedItem, routeChanges } from "../use-cases/route-changes";

/**
 * The table's stream reader (report items and timeline events only, filtered by the event source):
 * routes each to the queues that need it. A failed send fails the batch from its first record, which
 * Lambda retries (bisecting) and finally sends to the stream's failure queue.
 */
export const handler = observedJob(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const items: ChangedItem[] = event.Records.map((record) => {
    const image = record.dynamodb?.NewImage ?? {};
    const version = image.version?.N;
    const seq = image.seq?.N;
    const level = image.level?.N;
    return {
      ...(image.kind?.S !== undefined && { kind: image.kind.S }),
      ...(image.channel?.M?.via?.S !== undefined && { channel: image.channel.M.via.S }),
      ...(image.clock?.S !== undefined && { clock: image.clock.S }),
      ...(level !== undefined && { level: Number(level) }),
      ...(image.entity?.S !== undefined && { entity: image.entity.S }),
      ...(image.trackingId?.S !== undefined && { trackingId: image.trackingId.S }),
      ...(version !== undefined && { version: Number(version) }),
      ...(seq !== undefined && { seq: Number(seq) }),
      ...(image.type?.S !== undefined && { type: image.type.S }),
    };
  });
  try {
    const routed = await routeChanges(withQueue(container()), items);
    logger.info("stream batch routed", { records: event.Records.length, ...routed });
    // Counted once the batch is routed: a failed batch is retried, and counted then.
    record(businessMetrics(items));
    return { batchItemFailures: [] };
  } catch (error) {
    const first = event.Records[0]?.dynamodb?.SequenceNumber;
    logger.error("stream batch not routed", { records: event.Records.length, error: error as Error });
    return { batchItemFailures: first === undefined ? [] : [{ itemIdentifier: first }] };
  }
});
