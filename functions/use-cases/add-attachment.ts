/**
 * Announce an attachment and get the presigned upload for it (the reporter, or staff in scope).
 *
 * Input: who (the reporter's access token, or a staff principal), the tracking ID, `{fileName,
 * contentType, size}`. Output: the pending attachment as the uploader sees it and the upload: a
 * presigned POST for one exact key under `incoming/`, that content type and at most that size, valid
 * for the stage's upload window. Refused before anything is signed: a type or size the stage does
 * not allow (400), a closed report or one with its limit of attachments (409), a supervisor (403).
 * Announcements whose upload never came (an hour past their window) are rejected as `not_uploaded`
 * first, giving their slots back.
 * Then `check-attachment` takes over when the file arrives.
 */
import { assertCanSee, forbidden, type StaffPrincipal, staffActor } from "../domain/access";
import {
  type AddedAttachment,
  type AnnounceInput,
  type AttachmentRules,
  type AttachmentView,
  abandonedUploads,
  announceAttachment,
  attachmentLimit,
  incomingKey,
  REJECTIONS,
  visibleAttachments,
} from "../domain/attachments";
import type { DeadlineRules } from "../domain/deadlines";
import type { Actor } from "../domain/report";
import { text } from "../domain/text";
import { assertReporter } from "./change-report";
import { loadReport } from "./load-report";
import type { AttachmentLinks, Clock, DirectoryRepository, IdGenerator, ReportRepository } from "./ports";
import { settleAttachment } from "./settle-attachment";

export interface AddAttachmentPorts {
  readonly reports: ReportRepository;
  readonly directory: DirectoryRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly attachmentFiles: AttachmentLinks;
  readonly attachmentRules: AttachmentRules;
  readonly rules: DeadlineRules;
}

export type Uploader =
  | { readonly kind: "reporter"; readonly accessToken: string | undefined }
  | { readonly kind: "staff"; readonly principal: StaffPrincipal };

export type { AddedAttachment };

export async function addAttachment(
  ports: AddAttachmentPorts,
  uploader: Uploader,
  trackingIdInput: string,
  input: AnnounceInput,
): Promise<AddedAttachment> {
  const { stored, directory } = await loadReport(ports, trackingIdInput);
  let actor: Actor;
  if (uploader.kind === "reporter") {
    assertReporter(stored, uploader.accessToken);
    actor = { kind: "reporter" };
  } else {
    assertCanSee(uploader.principal, stored.report, directory);
    if (uploader.principal.role === "supervisor")
      throw forbidden(text("Supervisor hanya dapat membaca laporan.", "A supervisor may only read reports."));
    actor = staffActor(uploader.principal);
  }
  const rules = ports.attachmentRules;
  const now = ports.clock.now();
  // Announcements whose upload never came give their slots back before counting.
  const abandoned = abandonedUploads(stored.attachments ?? [], now);
  for (const stale of abandoned)
    await settleAttachment(ports, {
      ...stale,
      status: "rejected",
      checkedAt: now.toISOString(),
      rejection: { code: "not_uploaded", reason: REJECTIONS.not_uploaded },
    });
  const attachments = (stored.attachments ?? []).filter((a) => !abandoned.includes(a));
  const attachment = announceAttachment(stored.report, attachments, input, {
    id: `att-${ports.ids.shortId()}`,
    uploader: actor,
    now,
    rules,
  });
  if ((await ports.reports.announceAttachment(attachment, rules.maxPerReport)) === "limit")
    throw attachmentLimit(stored.report.trackingId, rules.maxPerReport);
  const upload = await ports.attachmentFiles.presignUpload(
    incomingKey(attachment.trackingId, attachment.id),
    attachment.contentType,
    attachment.size,
    rules.uploadSeconds,
  );
  const viewer = uploader.kind === "reporter" ? { kind: "reporter" as const } : uploader;
  const [view] = visibleAttachments(stored.report, [attachment], viewer, directory);
  return { attachment: view as AttachmentView, upload: { ...upload, expiresAt: attachment.uploadExpiresAt } };
}
