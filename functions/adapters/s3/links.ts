/**
 * What the API hands out for files in the bucket: presigned uploads and downloads, signed without
 * an S3 client (url-signer.ts says why).
 */
import type { AttachmentLinks, ExportLinks, PresignedUpload } from "../../use-cases/ports";
import type { S3UrlSigner } from "./url-signer";

/**
 * Attachment uploads are presigned POSTs whose policy S3 itself enforces: the exact key, the exact
 * content type, and a `content-length-range` up to the announced size (a presigned PUT could not
 * bound the size). Downloads are served with the stored type, as an attachment.
 */
export class S3AttachmentLinks implements AttachmentLinks {
  constructor(
    private readonly downloads: S3UrlSigner,
    /** Signs the uploads browsers send (locally: through the server that enforces the policy). */
    private readonly uploads: S3UrlSigner = downloads,
  ) {}

  async presignUpload(
    key: string,
    contentType: string,
    maxBytes: number,
    seconds: number,
  ): Promise<PresignedUpload> {
    const { url, fields } = await this.uploads.presignPost(key, {
      conditions: [
        ["content-length-range", 1, maxBytes],
        ["eq", "$Content-Type", contentType],
      ],
      fields: { "Content-Type": contentType },
      seconds,
    });
    return { method: "POST", url, fields };
  }

  async downloadUrl(
    key: string,
    options: { readonly seconds: number; readonly contentType: string; readonly fileName: string },
  ): Promise<string> {
    return this.downloads.presignGet(key, {
      seconds: options.seconds,
      query: {
        "response-content-type": options.contentType,
        "response-content-disposition": `attachment; filename="${options.fileName.replace(/["\\\r\n]/g, "_")}"`,
      },
    });
  }
}

export class S3ExportLinks implements ExportLinks {
  constructor(private readonly signer: S3UrlSigner) {}

  async downloadUrl(key: string, seconds: number): Promise<string> {
    return this.signer.presignGet(key, { seconds });
  }
}
