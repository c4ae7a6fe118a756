/**
 * The S3 adapter of attachment files and the stage's attachment limits, built apart from the
 * container (s3-client.ts says why).
 */
import { S3AttachmentFiles } from "../adapters/s3/attachment-files";
import { type AttachmentRules, attachmentRulesSchema, DEFAULT_ATTACHMENT_RULES } from "../domain/attachments";
import type { AttachmentFiles } from "../use-cases/ports";
import type { Container } from "./container";
import { ConfigError, ENV, type RuntimeConfig } from "./runtime-config";
import { perContainer, s3ClientFor } from "./s3-client";

const build = perContainer((container): AttachmentFiles => {
  const { config } = container;
  if (!config.attachmentsBucket) throw new ConfigError(`${ENV.attachmentsBucket} is not set`);
  const main = s3ClientFor(container);
  const uploads = config.s3UploadEndpoint ? s3ClientFor(container, config.s3UploadEndpoint) : main;
  return new S3AttachmentFiles(main, config.attachmentsBucket, uploads);
});

export function attachmentFilesOf(container: Container): AttachmentFiles {
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

/** What the attachment use cases take from a function's container. */
export function attachmentPorts(container: Container) {
  const { reports, directory, clock, ids, rules } = container;
  return {
    reports,
    directory,
    clock,
    ids,
    rules,
    attachmentFiles: attachmentFilesOf(container),
    attachmentRules: attachmentRulesOf(container.config),
  };
}
