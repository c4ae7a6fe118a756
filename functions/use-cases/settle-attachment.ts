/**
 * Records a pending attachment's verdict (checked clean, or rejected) with its timeline event, in
 * one write conditional on the attachment still being pending: the check job and the release of an
 * upload that never came both settle through here, and only one verdict ever lands.
 */
import type { Attachment } from "../domain/attachments";
import type { DeadlineRules } from "../domain/deadlines";
import { apply } from "../domain/transitions";
import type { Clock, DirectoryRepository, ReportRepository, StoredReport } from "./ports";

export async function settleAttachment(
  ports: {
    readonly reports: ReportRepository;
    readonly directory: DirectoryRepository;
    readonly clock: Clock;
    readonly rules: DeadlineRules;
  },
  settled: Attachment,
  /** The report as the caller just loaded it: the first attempt need not read it again. */
  loaded?: StoredReport,
): Promise<void> {
  const { trackingId } = settled;
  for (let attempt = 0; attempt < 5; attempt++) {
    const [stored, directory] = await Promise.all([
      attempt === 0 && loaded ? loaded : ports.reports.load(trackingId),
      ports.directory.load(),
    ]);
    const current = stored?.attachments?.find((a) => a.id === settled.id);
    if (!stored || current?.status !== "pending") return; // settled already
    const change = apply(
      stored.report,
      "check_attachment",
      { now: ports.clock.now(), directory, rules: ports.rules },
      {},
      {
        type: settled.status === "clean" ? "attachment_added" : "attachment_rejected",
        actor: { kind: "system" },
        // The reporter and staff hear of it; the public only once staff publish the file.
        visibility: "reporter",
        attachmentId: settled.id,
        ...(settled.rejection && { note: settled.rejection.reason.id }),
      },
    );
    const outcome = await ports.reports.saveChange(stored.report.version, {
      ...change,
      attachment: settled,
      attachmentWas: "pending",
    });
    if (outcome === "saved") return;
  }
  throw new Error(`attachment ${settled.id} of ${trackingId}: the report kept changing; will retry`);
}
