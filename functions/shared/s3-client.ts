/**
 * The S3 client of a function's container, for the modules that build the file stores apart from
 * the container (export-store.ts, attachment-store.ts) so that only the jobs that read and write
 * the bucket bundle the S3 client (the API signs its links without it: s3-signer.ts). Guarded like
 * every client the container makes.
 */
import { S3Client } from "@aws-sdk/client-s3";
import type { Container } from "./container";

export function s3ClientFor(container: Container, endpoint?: string): S3Client {
  return container.guarded(
    new S3Client({
      forcePathStyle: container.config.s3ForcePathStyle === "true",
      // The local S3 server stores streamed bodies corrupted with the SDK's default checksums.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      ...(endpoint !== undefined && { endpoint }),
    }),
    "s3",
  );
}
