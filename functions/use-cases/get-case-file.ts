/**
 * The reporter's case file for the Ombudsman: chronology, dispositions, follow-ups, deadlines met
 * and missed. Input: tracking ID and access token (the reporter only). Output: the case file.
 */
import { buildCaseFile, type CaseFile } from "../domain/case-file";
import type { DeadlineRules } from "../domain/deadlines";
import { assertReporter } from "./change-report";
import { loadReport } from "./load-report";
import type { Clock, DirectoryRepository, ReportRepository } from "./ports";

export async function getCaseFile(
  ports: {
    readonly reports: ReportRepository;
    readonly directory: DirectoryRepository;
    readonly clock: Clock;
    readonly rules: DeadlineRules;
  },
  trackingIdInput: string,
  accessToken: string | undefined,
): Promise<CaseFile> {
  const { stored, directory } = await loadReport(ports, trackingIdInput);
  assertReporter(stored, accessToken);
  return buildCaseFile(
    stored.report,
    stored.timeline,
    stored.followUps,
    directory,
    ports.rules,
    ports.clock.now(),
  );
}
