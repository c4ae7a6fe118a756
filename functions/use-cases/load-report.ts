/**
 * The first step of every use case that reads one report: the tracking ID as typed by a person
 * (400 on a typo), the report with its timeline and follow-ups, and the directory to render it
 * with — read in parallel. An unknown report is 404.
 */
import type { Directory } from "../domain/directory";
import { reportNotFound } from "../domain/errors";
import { parseTrackingId } from "../domain/tracking-id";
import type { DirectoryRepository, ReportRepository, StoredReport } from "./ports";

export async function loadReport(
  ports: { readonly reports: ReportRepository; readonly directory: DirectoryRepository },
  trackingIdInput: string,
): Promise<{ readonly trackingId: string; readonly stored: StoredReport; readonly directory: Directory }> {
  const trackingId = parseTrackingId(trackingIdInput);
  const [stored, directory] = await Promise.all([ports.reports.load(trackingId), ports.directory.load()]);
  if (!stored) throw reportNotFound(trackingId);
  return { trackingId, stored, directory };
}
