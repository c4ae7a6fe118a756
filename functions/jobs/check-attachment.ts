import { attachmentStorePorts } from "../shared/attachment-store";
import { container } from "../shared/container";
import { queueConsumer } from "../shared/queue-consumer";
import { checkAttachment } from "../use-cases/check-attachment";

/**
 * Attachments queue consumer: the bucket's ObjectCreated notifications for `incoming/`, one record
 * per upload; S3's test event on setting the notification up carries none.
 */
export const handler = queueConsumer("attachments", async (message) => {
  const outcomes = [];
  for (const record of "Records" in message ? message.Records : []) {
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, " "));
    outcomes.push({ key, ...(await checkAttachment(attachmentStorePorts(container()), key)) });
  }
  return { outcomes };
});
