/**
 * The S3 attachment adapters' two promises S3 itself keeps: the presigned POST's policy (exact key,
 * exact content type, size up to the announced bytes), and that removing an upload deletes every
 * version of its key. The local S3 server has no versioning, so the second is shown on a bucket
 * fake that keeps versions (a mock for what the stand-in cannot do).
 */
import { DeleteObjectCommand, ListObjectVersionsCommand, S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { S3AttachmentStore } from "../../../functions/adapters/s3/attachment-files";
import { S3AttachmentLinks } from "../../../functions/adapters/s3/links";
import { S3UrlSigner } from "../../../functions/adapters/s3/url-signer";
import { checkPolicy } from "../../../local/s3-upload-gateway";

const credentials = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
const links = () =>
  new S3AttachmentLinks(
    new S3UrlSigner({
      bucket: "aduan-files",
      region: "ap-southeast-3",
      credentials: async () => credentials,
      endpoint: "http://127.0.0.1:9",
    }),
  );
const client = () =>
  new S3Client({
    region: "ap-southeast-3",
    credentials,
    endpoint: "http://127.0.0.1:9",
    forcePathStyle: true,
  });

describe("presigned upload policy", () => {
  it("names the exact key, the exact content type and at most the announced size", async () => {
    const files = links();
    const upload = await files.presignUpload("incoming/AB3CD-EFGHK/att-1", "image/jpeg", 2_481_337, 900);
    expect(upload.method).toBe("POST");
    expect(upload.fields).toMatchObject({ key: "incoming/AB3CD-EFGHK/att-1", "Content-Type": "image/jpeg" });
    const policy = JSON.parse(Buffer.from(upload.fields.Policy as string, "base64").toString("utf8"));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ["content-length-range", 1, 2_481_337],
        ["eq", "$Content-Type", "image/jpeg"],
        { key: "incoming/AB3CD-EFGHK/att-1" },
        { bucket: "aduan-files" },
      ]),
    );
    // No condition lets the uploader choose another key (no starts-with on key).
    expect(JSON.stringify(policy.conditions)).not.toMatch(/starts-with/);
    const expires = Date.parse(policy.expiration) - Date.now();
    expect(expires).toBeGreaterThan(890_000);
    expect(expires).toBeLessThanOrEqual(900_000);
  });

  it("is refused, as S3 refuses it, for another key, another type, too many bytes, a forged signature", async () => {
    const files = links();
    const { fields } = await files.presignUpload("incoming/R/att-1", "image/png", 1000, 900);
    const lower = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
    const check = (changes: Record<string, string>, size = 500) =>
      checkPolicy({ ...lower, ...changes }, size, "aduan-files", {
        secretAccessKey: credentials.secretAccessKey,
      })?.code;
    expect(check({})).toBeUndefined();
    expect(check({}, 1001)).toBe("EntityTooLarge");
    expect(check({}, 0)).toBe("EntityTooSmall");
    expect(check({ key: "clean/R/att-1" })).toBe("AccessDenied");
    expect(check({ "content-type": "image/jpeg" })).toBe("AccessDenied");
    expect(check({ "x-amz-signature": "0".repeat(64) })).toBe("SignatureDoesNotMatch");
    expect(
      checkPolicy(lower, 500, "aduan-files", {
        secretAccessKey: credentials.secretAccessKey,
        now: () => Date.now() + 901_000,
      })?.message,
    ).toMatch(/Policy expired/);
  });
});

describe("deleteAllVersions", () => {
  it("deletes every version and delete marker of the key, page by page, and nothing else", async () => {
    const versions = new Map<string, string[]>([
      ["incoming/R/att-1", ["v1", "v2", "v3"]],
      ["incoming/R/att-10", ["w1"]], // shares the prefix: must survive
    ]);
    const markers = new Map<string, string[]>([["incoming/R/att-1", ["m1"]]]);
    const s3 = client();
    // Like S3, pages are positional: deleting what a page listed does not shift the next page.
    const listing = [...versions].flatMap(([key, ids]) => ids.map((id) => ({ Key: key, VersionId: id })));
    s3.send = (async (command: unknown) => {
      if (command instanceof ListObjectVersionsCommand) {
        const prefix = command.input.Prefix as string;
        const all = listing.filter((v) => v.Key.startsWith(prefix));
        const page = command.input.VersionIdMarker === undefined ? all.slice(0, 2) : all.slice(2);
        return {
          Versions: page,
          DeleteMarkers:
            command.input.VersionIdMarker === undefined
              ? []
              : (markers.get("incoming/R/att-1") ?? []).map((id) => ({
                  Key: "incoming/R/att-1",
                  VersionId: id,
                })),
          IsTruncated: command.input.VersionIdMarker === undefined,
          NextKeyMarker: "incoming/R/att-1",
          NextVersionIdMarker: "v2",
        };
      }
      if (command instanceof DeleteObjectCommand) {
        const { Key, VersionId } = command.input as { Key: string; VersionId: string };
        versions.set(
          Key,
          (versions.get(Key) ?? []).filter((id) => id !== VersionId),
        );
        markers.set(
          Key,
          (markers.get(Key) ?? []).filter((id) => id !== VersionId),
        );
        return {};
      }
      throw new Error(`unexpected ${(command as object).constructor.name}`);
    }) as typeof s3.send;
    const deleted = await new S3AttachmentStore(s3, "aduan-files").deleteAllVersions("incoming/R/att-1");
    expect(deleted).toBe(4);
    expect(versions.get("incoming/R/att-1")).toEqual([]);
    expect(markers.get("incoming/R/att-1")).toEqual([]);
    expect(versions.get("incoming/R/att-10")).toEqual(["w1"]);
  });
});
