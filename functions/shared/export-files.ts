/** The S3 adapter of staff export files, built apart from the container (s3-client.ts says why). */
import { S3ExportFiles } from "../adapters/s3/export-files";
import type { ExportFiles } from "../use-cases/ports";
import type { Container } from "./container";
import { ConfigError, ENV } from "./runtime-config";
import { perContainer, s3ClientFor } from "./s3-client";

const build = perContainer((container): ExportFiles => {
  const bucket = container.config.exportsBucket;
  if (!bucket) throw new ConfigError(`${ENV.exportsBucket} is not set`);
  return new S3ExportFiles(s3ClientFor(container), bucket);
});

export function exportFilesOf(container: Container): ExportFiles {
  return container.exportFiles ?? build(container);
}
