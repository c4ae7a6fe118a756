/**
 * S3UrlSigner against the SDK's own presigners: for any key, content type, size, lifetime, file
 * name, credentials with or without a session token, in AWS (virtual-hosted) or at a local endpoint
 * (path-style), the POST policy and the GET URL are the ones `createPresignedPost` and
 * `getSignedUrl` produce at the same instant — byte for byte. S3 accepts theirs, so it accepts ours.
 */
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Credentials, S3UrlSigner } from "../../../functions/adapters/s3/url-signer";

const BUCKET = "aduan-prod-files-1a2b3c";
const REGION = "ap-southeast-3";

const credentials = fc.record(
  {
    accessKeyId: fc.stringMatching(/^AKIA[A-Z0-9]{16}$/),
    secretAccessKey: fc.stringMatching(/^[A-Za-z0-9/+]{40}$/),
    sessionToken: fc.stringMatching(/^[A-Za-z0-9/+=]{20,80}$/),
  },
  { requiredKeys: ["accessKeyId", "secretAccessKey"] },
);
const endpoint = fc.constantFrom(undefined, "http://127.0.0.1:4569", "http://127.0.0.1:3000/_local/s3");
/** Keys as Aduan writes them, and anything else S3 allows in one. */
const key = fc.oneof(
  fc.stringMatching(/^(incoming|clean|exports)\/[0-9A-Z]{5}-[0-9A-Z]{5}\/[0-9a-f]{8}$/),
  fc
    .array(
      fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes("/")),
      { minLength: 1, maxLength: 4 },
    )
    .map((parts) => parts.join("/")),
);
const instant = fc.date({
  min: new Date("2026-01-01T00:00:00Z"),
  max: new Date("2030-12-31T00:00:00Z"),
  noInvalidDate: true,
});

function clients(creds: Credentials, at?: string) {
  const sdk = new S3Client({
    region: REGION,
    credentials: creds,
    // In AWS: S3's own endpoint, not the one the test run sets in the environment.
    ...(at === undefined ? { ignoreConfiguredEndpointUrls: true } : { endpoint: at, forcePathStyle: true }),
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const ours = new S3UrlSigner({
    bucket: BUCKET,
    region: REGION,
    credentials: async () => creds,
    ...(at !== undefined && { endpoint: at }),
  });
  return { sdk, ours };
}

describe("S3UrlSigner", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("signs a POST policy exactly as createPresignedPost does", async () => {
    await fc.assert(
      fc.asyncProperty(
        credentials,
        endpoint,
        key,
        fc.constantFrom("image/jpeg", "image/png", "application/pdf", "text/plain; charset=utf-8"),
        fc.integer({ min: 1, max: 25 * 1024 * 1024 }),
        fc.integer({ min: 1, max: 7 * 24 * 3600 }),
        instant,
        async (creds, at, objectKey, contentType, maxBytes, seconds, now) => {
          vi.setSystemTime(now);
          const { sdk, ours } = clients(creds, at);
          const conditions = [
            ["content-length-range", 1, maxBytes],
            ["eq", "$Content-Type", contentType],
          ] as const;
          const fields = { "Content-Type": contentType };
          const theirs = await createPresignedPost(sdk, {
            Bucket: BUCKET,
            Key: objectKey,
            Conditions: conditions.map((c) => [...c]) as never,
            Fields: fields,
            Expires: seconds,
          });
          expect(await ours.presignPost(objectKey, { conditions, fields, seconds })).toEqual(theirs);
          sdk.destroy();
        },
      ),
      { numRuns: 150 },
    );
  });

  it("signs a GET with response overrides exactly as getSignedUrl does", async () => {
    await fc.assert(
      fc.asyncProperty(
        credentials,
        endpoint,
        key,
        fc.string({ maxLength: 40 }),
        fc.integer({ min: 1, max: 7 * 24 * 3600 }),
        instant,
        fc.boolean(),
        async (creds, at, objectKey, fileName, seconds, now, overrides) => {
          vi.setSystemTime(now);
          const { sdk, ours } = clients(creds, at);
          const disposition = `attachment; filename="${fileName}"`;
          const theirs = await getSignedUrl(
            sdk,
            new GetObjectCommand({
              Bucket: BUCKET,
              Key: objectKey,
              ...(overrides && {
                ResponseContentType: "image/jpeg",
                ResponseContentDisposition: disposition,
              }),
            }),
            { expiresIn: seconds },
          );
          const query = overrides
            ? { "response-content-type": "image/jpeg", "response-content-disposition": disposition }
            : undefined;
          expect(await ours.presignGet(objectKey, { seconds, ...(query && { query }) })).toBe(theirs);
          sdk.destroy();
        },
      ),
      { numRuns: 150 },
    );
  });

  it("runs the guard it is given before signing, as a client runs its middleware", async () => {
    const { ours } = clients({ accessKeyId: "AKIAEXAMPLE0000000000", secretAccessKey: "x".repeat(40) });
    const seen: string[] = [];
    ours.middlewareStack.add(((next: (args: unknown) => Promise<unknown>, context: { commandName: string }) =>
      async (args: { input: { Key: string } }) => {
        seen.push(`${context.commandName} ${args.input.Key}`);
        if (args.input.Key.startsWith("secret/")) throw new Error("refused");
        return next(args);
      }) as never);
    await ours.presignGet("clean/a", { seconds: 60 });
    await ours.presignPost("incoming/b", { conditions: [], fields: {}, seconds: 60 });
    await expect(ours.presignGet("secret/c", { seconds: 60 })).rejects.toThrow("refused");
    expect(seen).toEqual([
      "GetObjectCommand clean/a",
      "PutObjectCommand incoming/b",
      "GetObjectCommand secret/c",
    ]);
  });

  it("refuses a bucket name it would have to address path-style in AWS", () => {
    expect(
      () =>
        new S3UrlSigner({
          bucket: "my.bucket",
          region: REGION,
          credentials: async () => ({ accessKeyId: "a", secretAccessKey: "b" }),
        }),
    ).toThrow(/lowercase letters, digits and dashes/);
  });
});
