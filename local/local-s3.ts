/**
 * The local stand-in for the files bucket: s3rver, in-process, bound to 127.0.0.1, storing its
 * objects under the data directory (persistent between runs, like the table). Staff exports are
 * written there and downloaded with presigned URLs exactly as from S3; s3rver does not check
 * signatures, but it does refuse an expired URL.
 */
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { CreateBucketCommand, PutBucketCorsCommand, S3Client } from "@aws-sdk/client-s3";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "./dynamodb-local";

interface S3rverInstance {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

export const LOCAL_BUCKET = "aduan-local-files";

export interface LocalS3 {
  readonly endpoint: string;
  readonly bucket: string;
  stop(): Promise<void>;
}

/** An S3 event notification as s3rver emits it (the shape S3 sends to SQS). */
export interface S3Notification {
  readonly Records: readonly {
    readonly eventName: string;
    readonly s3: { readonly object: { readonly key: string } };
  }[];
}

export async function startLocalS3(options: {
  readonly directory: string;
  readonly corsAllowedOrigins: readonly string[];
  readonly port?: number;
  /** Every event notification, as the bucket's notification configuration would deliver it. */
  readonly onEvent?: (notification: S3Notification) => void;
}): Promise<LocalS3> {
  await mkdir(options.directory, { recursive: true });
  const require = createRequire(import.meta.url);
  const S3rver = require("s3rver") as S3rverClass;
  // The functions sign with the local fake credentials: make them a key pair s3rver knows, so that
  // it checks their signatures (and presigned URLs' expiry) as S3 would.
  const { DUMMY_ACCOUNT } = require("s3rver/lib/models/account") as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
  const server = new S3rver({
    address: "127.0.0.1",
    port: options.port ?? 0,
    directory: options.directory,
    silent: true,
  });
  if (options.onEvent) {
    const onEvent = options.onEvent;
    (server as unknown as { on(name: "event", listener: (n: S3Notification) => void): void }).on(
      "event",
      onEvent,
    );
  }
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localS3Client(endpoint);
  try {
    await client.send(new CreateBucketCommand({ Bucket: LOCAL_BUCKET }));
  } catch (error) {
    const name = (error as Error).name;
    if (name !== "BucketAlreadyOwnedByYou" && name !== "BucketAlreadyExists") throw error;
  }
  if (options.corsAllowedOrigins.length > 0) {
    await client.send(
      new PutBucketCorsCommand({
        Bucket: LOCAL_BUCKET,
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedMethods: ["GET", "POST", "HEAD"],
              AllowedOrigins: [...options.corsAllowedOrigins],
              AllowedHeaders: ["*"],
            },
          ],
        },
      }),
    );
  }
  client.destroy();
  return { endpoint, bucket: LOCAL_BUCKET, stop: () => server.close() };
}

/** An S3 client for the local S3 server, as the functions configure theirs for it. */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
    // s3rver stores streamed bodies corrupted with the SDK's default checksums (STACK.md).
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}
