/**
 * A staff member's inbox: reports of their agency's whole subtree (or of one agency below it) with
 * one status, newest first, a page at a time. One Query on the inbox index of the agency's depth;
 * never a scan.
 * Input: principal, status, optional agencyId, cursor, limit. Output: summaries and the next cursor.
 */
import { assertAgencyInScope, type StaffPrincipal } from "../domain/access";
import type { ReportStatus } from "../domain/report";
import { type ReportSummary, summarize } from "../domain/report-views";
import type { Clock, DirectoryRepository, ReportRepository } from "./ports";

export interface InboxInput {
  readonly status: ReportStatus;
  readonly agencyId?: string;
  readonly cursor?: string;
  readonly limit?: number;
  /** Only reports with a deadline already passed. */
  readonly overdue?: boolean;
}

export async function listInbox(
  ports: {
    readonly reports: ReportRepository;
    readonly directory: DirectoryRepository;
    readonly clock: Clock;
  },
  principal: StaffPrincipal,
  input: InboxInput,
): Promise<{ reports: ReportSummary[]; cursor?: string }> {
  const directory = await ports.directory.load();
  const agencyId =
    input.agencyId ?? (principal.role === "national_admin" ? directory.root().id : principal.agencyId);
  assertAgencyInScope(principal, agencyId, directory);
  const page = await ports.reports.inbox({
    agencyId,
    depth: directory.ancestry(agencyId).length - 1,
    status: input.status,
    limit: input.limit ?? 20,
    ...(input.cursor !== undefined && { cursor: input.cursor }),
    ...(input.overdue === true && { overdueAt: ports.clock.now() }),
  });
  return { reports: page.reports.map(summarize), ...(page.cursor !== undefined && { cursor: page.cursor }) };
}
