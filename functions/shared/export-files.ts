/** The API's export download links, signed without an S3 client (s3-signer.ts). */
import { S3ExportLinks } from "../adapters/s3/links";
import type { ExportLinks } from "../use-cases/ports";
import { type Container, perContainer } from "./container";
import { ConfigError, ENV } from "./runtime-config";
import { s3SignerFor } from "./s3-signer";

const build = perContainer((container): ExportLinks => {
  const bucket = container.config.exportsBucket;
  if (!bucket) throw new ConfigError(`${ENV.exportsBucket} is not set`);
  return new S3ExportLinks(s3SignerFor(container, bucket));
});

export function exportLinksOf(container: Container): ExportLinks {
  return container.exportFiles ?? build(container);
}
