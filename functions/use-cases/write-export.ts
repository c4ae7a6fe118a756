/**
 * Write a staff export's file (exports queue consumer).
 *
 * Input: an ExportMessage `{exportId}`. Output: `written`, `already written` or `missing`.
 * Steps: mark the record running; page through the requested subtree's reports submitted in the
 * range — one Query per status and page of 100 on the agency's inbox index, by sort key, no scan —
 * keeping those the requester may see as the directory is now (canSee: confidential is need-to-know);
 * stream their rows to the bucket (at most one 5 MiB part in memory); mark the record ready with
 * the row count. A redelivered message rewrites the same key, so retries are safe; a message that
 * keeps failing ends in the DLQ and the record stays `running`.
 */
import { canSee } from "../domain/access";
import type { DeadlineRules } from "../domain/deadlines";
import { exportHeader, exportKey, exportRow } from "../domain/exports";
import { REPORT_STATUSES } from "../domain/report";
import { EXPORTS_PREFIX } from "../manifests/grants";
import { CSV_BOM, csvLine } from "../shared/csv";
import type { Clock, DirectoryRepository, ExportJobs, ExportStore, ReportRepository } from "./ports";

const PAGE = 100;

export interface WriteExportPorts {
  readonly reports: ReportRepository;
  readonly directory: DirectoryRepository;
  readonly exportJobs: ExportJobs;
  readonly exportFiles: ExportStore;
  readonly clock: Clock;
  readonly rules: DeadlineRules;
}

export async function writeExport(
  ports: WriteExportPorts,
  exportId: string,
): Promise<{ outcome: "written" | "already written" | "missing"; rows?: number; bytes?: number }> {
  const found = await ports.exportJobs.get(exportId);
  if (!found) return { outcome: "missing" };
  const record = found;
  if (record.status === "ready") return { outcome: "already written" };
  const running = { ...record, status: "running" as const, updatedAt: ports.clock.now().toISOString() };
  if ((await ports.exportJobs.advance(running, ["queued", "running"])) === "stale")
    return { outcome: "already written" };

  const directory = await ports.directory.load();
  const depth = directory.ancestry(record.agencyId).length - 1;
  const calendar = ports.rules.calendar;
  const submitted = {
    from: calendar.startOfLocalDay(record.from).toISOString(),
    to: calendar.endOfLocalDay(record.to).toISOString(),
  };
  let rows = 0;
  async function* lines(): AsyncGenerator<string> {
    yield CSV_BOM + csvLine(exportHeader(record.locale));
    for (const status of REPORT_STATUSES) {
      let cursor: string | undefined;
      do {
        const page = await ports.reports.inbox({
          agencyId: record.agencyId,
          depth,
          status,
          limit: PAGE,
          submitted,
          ...(cursor !== undefined && { cursor }),
        });
        const visible = page.reports.filter(
          (report) =>
            directory.ancestry(report.assignedAgencyId).includes(record.agencyId) &&
            canSee(record.requestedBy, report, directory),
        );
        rows += visible.length;
        const now = ports.clock.now();
        if (visible.length > 0)
          yield visible.map((report) => csvLine(exportRow(report, directory, ports.rules, now))).join("");
        cursor = page.cursor;
      } while (cursor !== undefined);
    }
  }
  const key = exportKey(exportId, EXPORTS_PREFIX);
  const { bytes } = await ports.exportFiles.write(key, lines());
  const now = ports.clock.now().toISOString();
  await ports.exportJobs.advance(
    { ...running, status: "ready", rows, bytes, key, updatedAt: now, finishedAt: now },
    ["running"],
  );
  return { outcome: "written", rows, bytes };
}
