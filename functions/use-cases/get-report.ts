/**
 * Track a report.
 *
 * Input: a tracking ID as typed by a person, and optionally the reporter's access token.
 * Output: the public view, or the reporter's view when the token proves the caller filed it.
 * Steps: validate the ID (400 on a typo), load report and timeline (404 if unknown), pick the
 * viewer, render. A wrong token is not an error: it gets the public view, so a token guess reveals
 * nothing beyond what the public sees; a confidential report is 404 to anyone without the token.
 * A duplicate names its original only when the original is itself public (not confidential).
 */
import { type ReportView, type Viewer, viewReport } from "../domain/report-views";
import { accessTokenMatches } from "../domain/secrets";
import { loadReport } from "./load-report";
import type { DirectoryRepository, ReportRepository } from "./ports";

export interface GetReportPorts {
  readonly reports: ReportRepository;
  readonly directory: DirectoryRepository;
}

export async function getReport(
  ports: GetReportPorts,
  input: { readonly trackingId: string; readonly accessToken?: string },
): Promise<ReportView> {
  const { stored, directory } = await loadReport(ports, input.trackingId);
  const viewer: Viewer = accessTokenMatches(input.accessToken, stored.report.accessTokenHash)
    ? { kind: "reporter" }
    : { kind: "public" };
  const original =
    stored.report.duplicateOf === undefined ? undefined : await ports.reports.load(stored.report.duplicateOf);
  const duplicateOfPublic = original !== undefined && !original.report.confidential;
  return viewReport(stored.report, stored.timeline, viewer, directory, stored.followUps, {
    duplicateOfPublic,
    attachments: stored.attachments ?? [],
  });
}
