/**
 * The S3 adapter of attachment files and the stage's attachment limits, built apart from the
 * container so that only the functions that touch attachments bundle the S3 clients.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { S3AttachmentFiles } from "../adapters/s3/attachment-files";
import { type AttachmentRules, attachmentRulesSchema, DEFAULT_ATTACHMENT_RULES } from "../domain/attachments";
import type { AttachmentFiles } from "../use-cases/ports";
import type { Container } from "./container";
import { ConfigError, ENV, type RuntimeConfig } from "./runtime-config";

const built = new WeakMap<Container, AttachmentFiles>();

export function attachmentFilesOf(container: Container): AttachmentFiles {
  if (container.attachmentFiles) return container.attachmentFiles;
  let files = built.get(container);
  if (!files) {
    const { config } = container;
    if (!config.attachmentsBucket) throw new ConfigError(`${ENV.attachmentsBucket} is not set`);
    const client = (endpoint?: string) =>
      container.guarded(
        new S3Client({
          forcePathStyle: config.s3ForcePathStyle === "true",
          requestChecksumCalculation: "WHEN_REQUIRED",
          responseChecksumValidation: "WHEN_REQUIRED",
          ...(endpoint !== undefined && { endpoint }),
        }),
        "s3",
      );
    const main = client();
    files = new S3AttachmentFiles(
      main,
      config.attachmentsBucket,
      config.s3UploadEndpoint ? client(config.s3UploadEndpoint) : main,
    );
    built.set(container, files);
  }
  return files;
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
