import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { AttachmentStore } from "../../use-cases/ports";

/**
 * Attachment files in the bucket, as the attachment check handles them (the API's links are
 * S3AttachmentLinks'). The bucket is versioned, so removing the raw upload means deleting every
 * version of its key, not adding a delete marker.
 */
export class S3AttachmentStore implements AttachmentStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async read(key: string): Promise<Uint8Array | undefined> {
    try {
      const { Body } = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return Body ? await Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if (error instanceof NoSuchKey || (error as Error).name === "NoSuchKey") return undefined;
      throw error;
    }
  }

  async writeClean(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
  }

  async deleteAllVersions(key: string): Promise<number> {
    try {
      return await this.deleteVersions(key);
    } catch (error) {
      // An S3-compatible store without versioning (the local s3rver) keeps one copy: delete it.
      if (!["NotImplemented", "MethodNotAllowed"].includes((error as Error).name)) throw error;
      await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
      return 1;
    }
  }

  private async deleteVersions(key: string): Promise<number> {
    let deleted = 0;
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectVersionsCommand({
          Bucket: this.bucket,
          Prefix: key,
          ...(keyMarker !== undefined && { KeyMarker: keyMarker }),
          ...(versionMarker !== undefined && { VersionIdMarker: versionMarker }),
        }),
      );
      const versions = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].filter((v) => v.Key === key);
      for (const version of versions) {
        await this.s3.send(
          new DeleteObjectCommand({ Bucket: this.bucket, Key: key, VersionId: version.VersionId }),
        );
        deleted++;
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      versionMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
    } while (keyMarker !== undefined);
    return deleted;
  }
}
