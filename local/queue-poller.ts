/**
 * The local stand-in for a Lambda SQS event source mapping with `ReportBatchItemFailures`: long
 * polls one queue, hands each batch to the consumer handler as the SQSEvent Lambda would build,
 * deletes the records that succeeded and leaves the rest for redelivery.
 *
 * As in AWS: a record listed in `batchItemFailures` is retried; a handler that throws, or answers
 * with an identifier that is not in the batch, fails the whole batch; after maxReceiveCount
 * receives the queue's redrive policy moves a message to its DLQ. Nothing is deleted before the
 * handler has returned, so a crash at any point leaves the message in the queue.
 *
 * One difference, for speed: a failed record becomes visible again after `retryDelaySeconds`
 * instead of the queue's whole visibility timeout (six job timeouts, minutes), so a poison message
 * reaches the DLQ in seconds on a laptop. If that visibility change fails, the full timeout applies.
 */
import { randomUUID } from "node:crypto";
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { messageOf, type Poller, pollerHandle, sleep } from "./poller";

export type QueueHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export interface QueuePollerOptions {
  readonly client: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly region: string;
  /** The event source mapping's batch size (JOBS). */
  readonly batchSize: number;
  readonly handler: () => Promise<QueueHandler>;
  readonly context: () => Context;
  /** @default 1 */
  readonly retryDelaySeconds?: number;
  readonly log: (line: string) => void;
}

/**
 * Stopping abandons the long poll in progress: as in SQS, a message arriving before its wait ends is
 * taken by nobody and comes back after the visibility timeout (locally the server stops right
 * after, so it is moot).
 */
export type QueuePoller = Poller;

const WAIT_SECONDS = 20; // SQS's longest long poll, as Lambda's pollers use

export function startQueuePoller(opts: QueuePollerOptions): QueuePoller {
  const abort = new AbortController();
  let busy = false;
  let activity = 0;

  async function loop(): Promise<void> {
    while (!abort.signal.aborted) {
      let messages: Message[];
      try {
        const received = await opts.client.send(
          new ReceiveMessageCommand({
            QueueUrl: opts.queueUrl,
            MaxNumberOfMessages: Math.min(opts.batchSize, 10),
            WaitTimeSeconds: WAIT_SECONDS,
            MessageSystemAttributeNames: ["All"],
            MessageAttributeNames: ["All"],
          }),
          { abortSignal: abort.signal },
        );
        messages = received.Messages ?? [];
      } catch (error) {
        if (abort.signal.aborted) return;
        opts.log(`poller ${opts.queueArn}: receive failed, retrying in 1 s: ${messageOf(error)}`);
        await sleep(1000);
        continue;
      }
      if (messages.length === 0) continue;
      busy = true;
      activity++;
      try {
        await handleBatch(messages);
      } finally {
        busy = false;
        activity++;
      }
    }
  }

  async function handleBatch(messages: Message[]): Promise<void> {
    const event = toSqsEvent(messages, opts.queueArn, opts.region);
    const ids = new Set(event.Records.map((r) => r.messageId));
    let failed: Set<string>;
    try {
      const handler = await opts.handler();
      const response = await handler(event, opts.context());
      const reported = (response ?? { batchItemFailures: [] }).batchItemFailures ?? [];
      failed = new Set(reported.map((f) => f.itemIdentifier));
      // Lambda treats an empty or unknown identifier as a failure of the whole batch.
      if ([...failed].some((id) => !id || !ids.has(id))) {
        opts.log(`poller ${opts.queueArn}: batchItemFailures names a record not in the batch; retrying all`);
        failed = ids;
      }
    } catch (error) {
      opts.log(
        `poller ${opts.queueArn}: handler threw, the whole batch will be retried: ${messageOf(error)}`,
      );
      failed = ids;
    }

    const entries = (predicate: (r: SQSRecord) => boolean) =>
      event.Records.filter(predicate).map((r) => ({ Id: r.messageId, ReceiptHandle: r.receiptHandle }));
    const done = entries((r) => !failed.has(r.messageId));
    const retry = entries((r) => failed.has(r.messageId));
    try {
      if (done.length > 0) {
        const result = await opts.client.send(
          new DeleteMessageBatchCommand({ QueueUrl: opts.queueUrl, Entries: done }),
        );
        // Not deleted = delivered again after the visibility timeout; consumers are idempotent.
        for (const f of result.Failed ?? [])
          opts.log(`poller ${opts.queueArn}: delete ${f.Id}: ${f.Message}`);
      }
      if (retry.length > 0) {
        await opts.client.send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: opts.queueUrl,
            Entries: retry.map((e) => ({ ...e, VisibilityTimeout: opts.retryDelaySeconds ?? 1 })),
          }),
        );
      }
    } catch (error) {
      opts.log(
        `poller ${opts.queueArn}: acknowledging the batch failed (it will be redelivered): ${messageOf(error)}`,
      );
    }
  }

  return pollerHandle(() => ({ busy, activity }), abort, loop());
}

/** The SQSEvent Lambda builds from a ReceiveMessage result. */
export function toSqsEvent(messages: readonly Message[], queueArn: string, region: string): SQSEvent {
  return {
    Records: messages.map((m) => {
      const a = m.Attributes ?? {};
      return {
        messageId: m.MessageId ?? randomUUID(),
        receiptHandle: m.ReceiptHandle ?? "",
        body: m.Body ?? "",
        attributes: {
          ApproximateReceiveCount: a.ApproximateReceiveCount ?? "1",
          SentTimestamp: a.SentTimestamp ?? String(Date.now()),
          SenderId: a.SenderId ?? "000000000000",
          ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
        },
        messageAttributes: Object.fromEntries(
          Object.entries(m.MessageAttributes ?? {}).map(([name, v]) => [
            name,
            {
              dataType: v.DataType ?? "String",
              ...(v.StringValue !== undefined && { stringValue: v.StringValue }),
              ...(v.BinaryValue !== undefined && {
                binaryValue: Buffer.from(v.BinaryValue).toString("base64"),
              }),
              stringListValues: v.StringListValues ?? [],
              binaryListValues: (v.BinaryListValues ?? []).map((b) => Buffer.from(b).toString("base64")),
            },
          ]),
        ),
        md5OfBody: m.MD5OfBody ?? "",
        eventSource: "aws:sqs",
        eventSourceARN: queueArn,
        awsRegion: region,
      };
    }),
  };
}
