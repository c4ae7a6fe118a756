import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import type { ExportStore } from "../../use-cases/ports";

/** S3's smallest part but the last: the most this adapter holds in memory. */
const PART_BYTES = 5 * 1024 * 1024;
const CONTENT_TYPE = "text/csv; charset=utf-8";

/**
 * Export files in the bucket, as the export job writes them (the API's links are S3ExportLinks'):
 * small files in one PUT, larger ones as a multipart upload of 5 MiB
 * parts written as they fill. An upload that fails half-way is left incomplete, and the bucket's
 * lifecycle rule aborts it after a day (the function may not AbortMultipartUpload).
 */
export class S3ExportStore implements ExportStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async write(key: string, chunks: AsyncIterable<string>): Promise<{ bytes: number }> {
    const Bucket = this.bucket;
    let buffered: Buffer[] = [];
    let bufferedBytes = 0;
    let bytes = 0;
    let uploadId: string | undefined;
    const parts: { PartNumber: number; ETag: string }[] = [];
    const flush = async () => {
      const Body = Buffer.concat(buffered);
      buffered = [];
      bufferedBytes = 0;
      uploadId ??= (
        await this.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: key, ContentType: CONTENT_TYPE }))
      ).UploadId;
      const PartNumber = parts.length + 1;
      const { ETag } = await this.s3.send(
        new UploadPartCommand({ Bucket, Key: key, UploadId: uploadId, PartNumber, Body }),
      );
      parts.push({ PartNumber, ETag: ETag as string });
    };
    for await (const chunk of chunks) {
      const data = Buffer.from(chunk, "utf8");
      buffered.push(data);
      bufferedBytes += data.length;
      bytes += data.length;
      if (bufferedBytes >= PART_BYTES) await flush();
    }
    if (uploadId === undefined) {
      await this.s3.send(
        new PutObjectCommand({ Bucket, Key: key, Body: Buffer.concat(buffered), ContentType: CONTENT_TYPE }),
      );
      return { bytes };
    }
    if (bufferedBytes > 0) await flush();
    await this.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
    return { bytes };
  }
}
