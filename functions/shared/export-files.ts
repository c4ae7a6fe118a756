/**
 * The S3 adapter of staff export files, built apart from the container so that only the functions
 * that touch the bucket (the export routes and job) bundle the S3 client: it would add ~180 KB to
 * every other function.
 */
import { S3Client } from "@aws-sdk/client-s3";
import { S3ExportFiles } from "../adapters/s3/export-files";
import type { ExportFiles } from "../use-cases/ports";
import type { Container } from "./container";
import { ConfigError, ENV } from "./runtime-config";

const built = new WeakMap<Container, ExportFiles>();

export function exportFilesOf(container: Container): ExportFiles {
  if (container.exportFiles) return container.exportFiles;
  let files = built.get(container);
  if (!files) {
    const bucket = container.config.exportsBucket;
    if (!bucket) throw new ConfigError(`${ENV.exportsBucket} is not set`);
    const client = new S3Client({
      forcePathStyle: container.config.s3ForcePathStyle === "true",
      // The local S3 server stores streamed bodies corrupted with the SDK's default checksums.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    files = new S3ExportFiles(container.guarded(client, "s3"), bucket);
    built.set(container, files);
  }
  return files;
}
