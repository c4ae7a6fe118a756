/**
 * The S3 client of a function's container, for the modules that build the file adapters apart
 * from the container (export-files.ts, attachment-files.ts) so that only the functions touching
 * the bucket bundle the S3 client. Guarded like every client the container makes.
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

/** One adapter per container, built on first use. */
export function perContainer<T>(build: (container: Container) => T): (container: Container) => T {
  const built = new WeakMap<Container, T>();
  return (container) => {
    let value = built.get(container);
    if (value === undefined) {
      value = build(container);
      built.set(container, value);
    }
    return value;
  };
}
