/** The export job's S3 store, built apart from the container (s3-client.ts says why). */
import { S3ExportStore } from "../adapters/s3/export-files";
import type { ExportStore } from "../use-cases/ports";
import { type Container, perContainer } from "./container";
import { ConfigError, ENV } from "./runtime-config";
import { s3ClientFor } from "./s3-client";

const build = perContainer((container): ExportStore => {
  const bucket = container.config.exportsBucket;
  if (!bucket) throw new ConfigError(`${ENV.exportsBucket} is not set`);
  return new S3ExportStore(s3ClientFor(container), bucket);
});

export function exportStoreOf(container: Container): ExportStore {
  return container.exportFiles ?? build(container);
}
