/**
 * Check an uploaded file (attachments queue consumer, fed by the bucket's ObjectCreated events).
 *
 * Input: the object key of an upload (`incoming/<trackingId>/<attachmentId>`).
 * Output: `clean`, `rejected` (with the reason) or `ignored` (a key nobody announced, or a replay
 * of an upload already checked: its bytes are deleted and nothing else changes).
 * Steps: read the bytes; refuse a file over the announced size or the stage's limit, or whose magic
 * bytes are not the announced type, or whose structure is broken; strip its metadata
 * (file-content.ts) and write it under `clean/`, where no presigned upload can reach; settle the
 * attachment with its timeline event (conditional on it still being pending: one verdict however
 * often the event is delivered); then delete every version of the upload — the raw file with its
 * GPS does not survive in the versioned bucket. A failure before the verdict is retried by SQS.
 */
import {
  type Attachment,
  type AttachmentRules,
  cleanKey,
  parseIncomingKey,
  REJECTIONS,
  type RejectionCode,
} from "../domain/attachments";
import type { DeadlineRules } from "../domain/deadlines";
import { sniffContentType, stripMetadata, UnreadableFile } from "../domain/file-content";
import type { AttachmentStore, Clock, DirectoryRepository, ReportRepository } from "./ports";
import { settleAttachment } from "./settle-attachment";

export interface CheckAttachmentPorts {
  readonly reports: ReportRepository;
  readonly directory: DirectoryRepository;
  readonly clock: Clock;
  readonly rules: DeadlineRules;
  readonly attachmentFiles: AttachmentStore;
  readonly attachmentRules: AttachmentRules;
}

export type CheckOutcome =
  | { readonly outcome: "clean"; readonly bytes: number; readonly removedBytes: number }
  | { readonly outcome: "rejected"; readonly code: RejectionCode }
  | { readonly outcome: "ignored"; readonly why: string };

export async function checkAttachment(ports: CheckAttachmentPorts, key: string): Promise<CheckOutcome> {
  const named = parseIncomingKey(key);
  const stored = named && (await ports.reports.load(named.trackingId));
  const attachment = stored?.attachments?.find((a) => a.id === named?.id);
  if (!named || !stored || !attachment || attachment.status !== "pending") {
    await ports.attachmentFiles.deleteAllVersions(key);
    return { outcome: "ignored", why: attachment ? `already ${attachment.status}` : "never announced" };
  }
  const bytes = await ports.attachmentFiles.read(key);
  if (bytes === undefined) return { outcome: "ignored", why: "no such object (already removed)" };

  const verdict = inspect(attachment, bytes, ports.attachmentRules);
  if (verdict.kind === "clean") {
    await ports.attachmentFiles.writeClean(
      cleanKey(attachment.trackingId, attachment.id),
      verdict.clean,
      attachment.contentType,
    );
  }
  const settled: Attachment = {
    ...attachment,
    status: verdict.kind === "clean" ? "clean" : "rejected",
    checkedAt: ports.clock.now().toISOString(),
    ...(verdict.kind === "clean"
      ? { storedSize: verdict.clean.length }
      : { rejection: { code: verdict.code, reason: REJECTIONS[verdict.code] } }),
  };
  await settleAttachment(ports, settled, stored);
  await ports.attachmentFiles.deleteAllVersions(key);
  return verdict.kind === "clean"
    ? { outcome: "clean", bytes: verdict.clean.length, removedBytes: bytes.length - verdict.clean.length }
    : { outcome: "rejected", code: verdict.code };
}

type Verdict = { kind: "clean"; clean: Uint8Array } | { kind: "rejected"; code: RejectionCode };

function inspect(attachment: Attachment, bytes: Uint8Array, rules: AttachmentRules): Verdict {
  if (bytes.length > attachment.size || bytes.length > rules.maxBytes)
    return { kind: "rejected", code: "too_large" };
  if (sniffContentType(bytes) !== attachment.contentType) return { kind: "rejected", code: "type_mismatch" };
  try {
    return { kind: "clean", clean: stripMetadata(attachment.contentType, bytes) };
  } catch (error) {
    if (error instanceof UnreadableFile) return { kind: "rejected", code: "unreadable" };
    throw error;
  }
}
