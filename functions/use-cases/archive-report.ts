/**
 * Archive a report that will not be processed (unintelligible, out of scope, duplicate, spam).
 * Input: tracking ID, reason, optional note, and for a duplicate the original's tracking ID, which
 * must exist and be readable by the caller (a confidential original outside their need-to-know is
 * "no report", as everywhere). Output: the staff view.
 */
import { canSee, type StaffPrincipal } from "../domain/access";
import { DomainError, detail } from "../domain/errors";
import { type ArchiveInput, archive } from "../domain/staff-actions";
import { text } from "../domain/text";
import { parseTrackingId } from "../domain/tracking-id";
import { type ChangePorts, changeReportAsStaff } from "./change-report";

export async function archiveReport(
  ports: ChangePorts,
  principal: StaffPrincipal,
  trackingId: string,
  input: ArchiveInput,
) {
  const duplicateOf =
    input.duplicateOf === undefined ? undefined : parseTrackingId(input.duplicateOf, "duplicateOf");
  const original = duplicateOf === undefined ? undefined : await ports.reports.load(duplicateOf);
  if (
    duplicateOf !== undefined &&
    !(original && canSee(principal, original.report, await ports.directory.load()))
  ) {
    throw new DomainError(
      "invalid",
      "invalid_input",
      text("Laporan aslinya tidak ada.", "The original report does not exist."),
      [detail("duplicateOf", `tidak ada laporan ${duplicateOf}`, `no report ${duplicateOf}`)],
    );
  }
  const result = await changeReportAsStaff(ports, principal, trackingId, ({ report }, ctx) =>
    archive(report, principal, { ...input, ...(duplicateOf !== undefined && { duplicateOf }) }, ctx),
  );
  return result.view;
}
