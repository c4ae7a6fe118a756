import { randomUUID } from "node:crypto";
import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { QueueMessage, QueueName } from "../../domain/messages";
import type { MessageQueue } from "../../use-cases/ports";

const BATCH = 10; // SQS's limit per SendMessageBatch
const MAX_ATTEMPTS = 5;

/**
 * Sends JSON messages in batches of ten; entries SQS rejects are retried with backoff, and if any
 * still fail the call throws so that the caller's own retry (a scheduler retry, a redelivered SQS
 * message) tries again: nothing is dropped.
 */
export class SqsMessageQueue implements MessageQueue {
  constructor(
    private readonly urls: Partial<Record<QueueName, string>>,
    // The queue URL must not become the endpoint: the local SQS server's URLs use a host that does
    // not resolve here (STACK.md); in AWS the regional endpoint is the same service.
    private readonly client = new SQSClient({ useQueueUrlAsEndpoint: false }),
  ) {}

  async send<Q extends QueueName>(
    queue: Q,
    messages: readonly QueueMessage<Q>[],
    options: { readonly delaySeconds?: number } = {},
  ): Promise<void> {
    const delay = Math.min(900, Math.max(0, Math.ceil(options.delaySeconds ?? 0)));
    const url = this.urls[queue];
    if (!url) throw new Error(`no URL configured for the ${queue} queue`);
    for (let start = 0; start < messages.length; start += BATCH) {
      let entries = messages.slice(start, start + BATCH).map((body) => ({
        Id: randomUUID(),
        MessageBody: JSON.stringify(body),
        ...(delay > 0 && { DelaySeconds: delay }),
      }));
      for (let attempt = 1; entries.length > 0; attempt++) {
        if (attempt > MAX_ATTEMPTS)
          throw new Error(`${entries.length} messages could not be sent to ${queue}`);
        if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
        const result = await this.client.send(
          new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }),
        );
        const failed = new Set((result.Failed ?? []).map((f) => f.Id));
        entries = entries.filter((e) => failed.has(e.Id));
      }
    }
  }
}
