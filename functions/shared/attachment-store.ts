/**
 * The attachment check's S3 store, built apart from the container (s3-client.ts says why), and
 * what the check takes from a function's container.
 */
import { S3AttachmentStore } from "../adapters/s3/attachment-files";
import type { AttachmentStore } from "../use-cases/ports";
import { attachmentContext } from "./attachment-files";
import { type Container, perContainer } from "./container";
import { ConfigError, ENV } from "./runtime-config";
import { s3ClientFor } from "./s3-client";

const build = perContainer((container): AttachmentStore => {
  const bucket = container.config.attachmentsBucket;
  if (!bucket) throw new ConfigError(`${ENV.attachmentsBucket} is not set`);
  return new S3AttachmentStore(s3ClientFor(container), bucket);
});

export function attachmentStoreOf(container: Container): AttachmentStore {
  return container.attachmentFiles ?? build(container);
}

/** What the attachment check takes from a function's container. */
export function attachmentStorePorts(container: Container) {
  return { ...attachmentContext(container), attachmentFiles: attachmentStoreOf(container) };
}
