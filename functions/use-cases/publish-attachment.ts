/**
 * A liaison officer or agency admin shows a checked attachment to the public (photos show faces and
 * ID cards: nothing is public until someone looked). The report must itself be public for the
 * public to see it; the event is public.
 */
import type { StaffPrincipal } from "../domain/access";
import { staffActor } from "../domain/access";
import { attachmentNotFound } from "../domain/attachments";
import { DomainError, detail } from "../domain/errors";
import { text } from "../domain/text";
import { apply, assertAllowed } from "../domain/transitions";
import { type ChangePorts, changeReportAsStaff } from "./change-report";

export async function publishAttachment(
  ports: ChangePorts,
  principal: StaffPrincipal,
  trackingId: string,
  attachmentId: string,
) {
  const { view } = await changeReportAsStaff(ports, principal, trackingId, (stored, ctx) => {
    assertAllowed(stored.report, "publish_attachment", principal.role);
    const attachment = stored.attachments?.find((a) => a.id === attachmentId);
    if (!attachment) throw attachmentNotFound(attachmentId);
    if (attachment.status !== "clean" || attachment.publishedAt !== undefined)
      throw new DomainError(
        "conflict",
        "invalid_transition",
        text(
          `Lampiran ${attachmentId} tidak dapat diterbitkan: ${attachment.publishedAt ? "sudah diterbitkan" : `statusnya ${attachment.status}`}.`,
          `Attachment ${attachmentId} cannot be published: ${attachment.publishedAt ? "it already is" : `it is ${attachment.status}`}.`,
        ),
        [detail("attachmentId", "harus lampiran yang lolos pemeriksaan", "must be a checked attachment")],
      );
    const change = apply(
      stored.report,
      "publish_attachment",
      ctx,
      {},
      { type: "attachment_published", actor: staffActor(principal), visibility: "public", attachmentId },
    );
    return {
      ...change,
      attachment: { ...attachment, publishedAt: ctx.now.toISOString() },
      attachmentWas: "clean",
    };
  });
  return view;
}
