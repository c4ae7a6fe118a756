/**
 * The SQS queue port of the functions that send messages: kept out of the shared container so that
 * no other function bundles the SQS client (as shared/email.ts does for SES).
 */
import { SQSClient } from "@aws-sdk/client-sqs";
import { SqsMessageQueue } from "../adapters/sqs/message-queue";
import type { MessageQueue } from "../use-cases/ports";
import type { Container } from "./container";

const built = new WeakMap<Container, MessageQueue>();

export function withQueue<C extends Container>(container: C): C & { readonly queue: MessageQueue } {
  if (container.queue) return container as C & { queue: MessageQueue };
  let queue = built.get(container);
  if (!queue) {
    const { config } = container;
    queue = new SqsMessageQueue(
      {
        ...(config.escalationsQueueUrl && { escalations: config.escalationsQueueUrl }),
        ...(config.notificationsQueueUrl && { notifications: config.notificationsQueueUrl }),
        ...(config.webhooksQueueUrl && { webhooks: config.webhooksQueueUrl }),
        ...(config.reindexQueueUrl && { reindex: config.reindexQueueUrl }),
        ...(config.figuresQueueUrl && { figures: config.figuresQueueUrl }),
        ...(config.exportsQueueUrl && { exports: config.exportsQueueUrl }),
        ...(config.attachmentsQueueUrl && { attachments: config.attachmentsQueueUrl }),
      },
      container.guarded(new SQSClient({ useQueueUrlAsEndpoint: false }), "sqs"),
    );
    built.set(container, queue);
  }
  // A view of the container with the queue added; its other lazy parts stay lazy.
  return Object.create(container, { queue: { value: queue, enumerable: true } }) as C & {
    readonly queue: MessageQueue;
  };
}
