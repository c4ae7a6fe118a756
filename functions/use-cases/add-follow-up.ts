/**
 * Add a follow-up (tindak lanjut). A unit admin's is a draft until a liaison officer or agency admin
 * publishes it; theirs publish at once. The first published follow-up moves the report to
 * `in_progress`; a final one proposes resolution to the reporter.
 * Input: tracking ID, message, final flag. Output: `{id, status}` of the follow-up and the report.
 */
import type { StaffPrincipal } from "../domain/access";
import { writeFollowUp } from "../domain/follow-ups";
import { type ChangePorts, changeReportAsStaff } from "./change-report";
import type { IdGenerator } from "./ports";

export async function addFollowUp(
  ports: ChangePorts & { readonly ids: IdGenerator },
  principal: StaffPrincipal,
  trackingId: string,
  input: { readonly message: string; readonly final?: boolean },
) {
  const id = ports.ids.shortId();
  const { change, view } = await changeReportAsStaff(ports, principal, trackingId, ({ report }, ctx) =>
    writeFollowUp(report, principal, { id, message: input.message, final: input.final ?? false }, ctx),
  );
  return { id, status: change.followUp?.status ?? "draft", report: view };
}
