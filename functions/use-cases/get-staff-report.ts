/**
 * A staff member reads one report in their scope: the full staff view (timeline with internal
 * notes, drafts, dispatch chain; never an anonymous reporter's contact). Out of scope is 404.
 */
import { assertCanSee, type StaffPrincipal } from "../domain/access";
import { type ReportView, viewReport } from "../domain/report-views";
import { loadReport } from "./load-report";
import type { DirectoryRepository, ReportRepository } from "./ports";

export async function getStaffReport(
  ports: { readonly reports: ReportRepository; readonly directory: DirectoryRepository },
  principal: StaffPrincipal,
  trackingIdInput: string,
): Promise<ReportView> {
  const { stored, directory } = await loadReport(ports, trackingIdInput);
  assertCanSee(principal, stored.report, directory);
  return viewReport(
    stored.report,
    stored.timeline,
    { kind: "staff", principal },
    directory,
    stored.followUps,
    { attachments: stored.attachments ?? [] },
  );
}
