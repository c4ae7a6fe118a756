/**
 * Publish a unit's draft follow-up (liaison officer or agency admin).
 * Input: tracking ID, follow-up id. Output: `{id, status: "published"}` and the report.
 */
import type { StaffPrincipal } from "../domain/access";
import { DomainError } from "../domain/errors";
import { publishDraft } from "../domain/follow-ups";
import { text } from "../domain/text";
import { type ChangePorts, changeReportAsStaff } from "./change-report";

export async function publishFollowUp(
  ports: ChangePorts,
  principal: StaffPrincipal,
  trackingId: string,
  followUpId: string,
) {
  const { view } = await changeReportAsStaff(ports, principal, trackingId, ({ report, followUps }, ctx) => {
    const followUp = followUps.find((f) => f.id === followUpId);
    if (!followUp)
      throw new DomainError(
        "not_found",
        "follow_up_not_found",
        text(
          `Tidak ada tindak lanjut ${followUpId} pada laporan ini.`,
          `No follow-up ${followUpId} on this report.`,
        ),
      );
    return publishDraft(report, principal, followUp, ctx);
  });
  return { id: followUpId, status: "published" as const, report: view };
}
