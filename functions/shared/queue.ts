/**
 * The SQS queue port of the functions that send messages: kept out of the shared container so that
 * no other function bundles the SQS client.
 */
import { SQSClient } from "@aws-sdk/client-sqs";
import { SqsMessageQueue } from "../adapters/sqs/message-queue";
import { type Container, withPort } from "./container";

export function withQueue<C extends Container>(container: C) {
  return withPort(container, "queue", () => {
    const { config } = container;
    return new SqsMessageQueue(
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
  });
}
