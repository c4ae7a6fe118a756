/**
 * The API's attachment links (presigned uploads and downloads, no S3 client: s3-signer.ts) and the
 * stage's attachment limits. The attachment check's store is attachment-store.ts.
 */
import { S3AttachmentLinks } from "../adapters/s3/links";
import { type AttachmentRules, attachmentRulesSchema, DEFAULT_ATTACHMENT_RULES } from "../domain/attachments";
import type { AttachmentLinks } from "../use-cases/ports";
import { type Container, perContainer } from "./container";
import { ConfigError, ENV, type RuntimeConfig } from "./runtime-config";
import { s3SignerFor } from "./s3-signer";

const build = perContainer((container): AttachmentLinks => {
  const { config } = container;
  const bucket = config.attachmentsBucket;
  if (!bucket) throw new ConfigError(`${ENV.attachmentsBucket} is not set`);
  const downloads = s3SignerFor(container, bucket);
  const uploads = config.s3UploadEndpoint
    ? s3SignerFor(container, bucket, config.s3UploadEndpoint)
    : downloads;
  return new S3AttachmentLinks(downloads, uploads);
});

export function attachmentLinksOf(container: Container): AttachmentLinks {
  return container.attachmentFiles ?? build(container);
}

export function attachmentRulesOf(config: RuntimeConfig): AttachmentRules {
  if (!config.attachmentRules) return DEFAULT_ATTACHMENT_RULES;
  let raw: unknown;
  try {
    raw = JSON.parse(config.attachmentRules);
  } catch {
    throw new ConfigError(`${ENV.attachmentRules} is not valid JSON`);
  }
  const parsed = attachmentRulesSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      `${ENV.attachmentRules}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

/** What every attachment use case takes from a function's container, besides the files. */
export function attachmentContext(container: Container) {
  const { reports, directory, clock, ids, rules } = container;
  return { reports, directory, clock, ids, rules, attachmentRules: attachmentRulesOf(container.config) };
}

/** What the API's attachment use cases take from a function's container. */
export function attachmentPorts(container: Container) {
  return { ...attachmentContext(container), attachmentFiles: attachmentLinksOf(container) };
}
