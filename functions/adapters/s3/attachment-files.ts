import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { AttachmentFiles, PresignedUpload } from "../../use-cases/ports";

/**
 * Attachment files in the bucket. Uploads are presigned POSTs whose policy S3 itself enforces: the
 * exact key, the exact content type, and a `content-length-range` up to the announced size (a
 * presigned PUT could not bound the size). The bucket is versioned, so removing the raw upload
 * means deleting every version of its key, not adding a delete marker.
 */
export class S3AttachmentFiles implements AttachmentFiles {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    /** Signs the uploads browsers send (locally: through the server that enforces the policy). */
    private readonly uploads: S3Client = s3,
  ) {}

  async presignUpload(
    key: string,
    contentType: string,
    maxBytes: number,
    seconds: number,
  ): Promise<PresignedUpload> {
    const { url, fields } = await createPresignedPost(this.uploads, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [
        ["content-length-range", 1, maxBytes],
        ["eq", "$Content-Type", contentType],
      ],
      Fields: { "Content-Type": contentType },
      Expires: seconds,
    });
    return { method: "POST", url, fields };
  }

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

  async downloadUrl(
    key: string,
    options: { readonly seconds: number; readonly contentType: string; readonly fileName: string },
  ): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentType: options.contentType,
      ResponseContentDisposition: `attachment; filename="${options.fileName.replace(/["\\\r\n]/g, "_")}"`,
    });
    return getSignedUrl(this.s3, command, { expiresIn: options.seconds });
  }
}
