/**
 * One attachment for a reader allowed to see it (list-attachments.ts decides who): a presigned GET
 * valid for 5 minutes, served as a download with the stored content type — a page may put the URL
 * in an <img>, which cannot send a token. Only a checked (clean) file is ever served, from `clean/`;
 * one still being checked is 409, one not visible to this reader 404.
 */
import { type AttachmentDownload, attachmentNotFound, cleanKey } from "../domain/attachments";
import { DomainError, detail } from "../domain/errors";
import { text } from "../domain/text";
import { listAttachments, type ReadAttachmentsPorts, type Reader } from "./list-attachments";
import type { AttachmentLinks, Clock } from "./ports";

export const ATTACHMENT_URL_SECONDS = 300;

export type { AttachmentDownload };

export async function getAttachment(
  ports: ReadAttachmentsPorts & { readonly attachmentFiles: AttachmentLinks; readonly clock: Clock },
  reader: Reader,
  trackingIdInput: string,
  attachmentId: string,
): Promise<AttachmentDownload> {
  const { attachments, stored } = await listAttachments(ports, reader, trackingIdInput);
  const view = attachments.find((a) => a.id === attachmentId);
  if (!view) throw attachmentNotFound(attachmentId);
  if (view.status !== "clean")
    throw new DomainError(
      "conflict",
      "attachment_not_ready",
      text(
        view.status === "pending"
          ? `Lampiran ${attachmentId} belum diunggah atau masih diperiksa.`
          : `Lampiran ${attachmentId} ditolak saat pemeriksaan.`,
        view.status === "pending"
          ? `Attachment ${attachmentId} has not been uploaded or is still being checked.`
          : `Attachment ${attachmentId} was rejected by the check.`,
      ),
      [detail("status", `status sekarang ${view.status}`, `current status is ${view.status}`)],
    );
  const url = await ports.attachmentFiles.downloadUrl(cleanKey(stored.report.trackingId, attachmentId), {
    seconds: ATTACHMENT_URL_SECONDS,
    contentType: view.contentType,
    fileName: view.fileName,
  });
  return {
    url,
    expiresAt: new Date(ports.clock.now().getTime() + ATTACHMENT_URL_SECONDS * 1000).toISOString(),
    contentType: view.contentType,
  };
}
