/**
 * Where a staff export stands, and once it is ready a 5-minute download link — only for the staff
 * member who asked for it (anyone else: 404, as for a report out of scope).
 */
import type { StaffPrincipal } from "../domain/access";
import { DomainError } from "../domain/errors";
import type { ExportView } from "../domain/exports";
import { text } from "../domain/text";
import type { Clock, ExportJobs, ExportLinks } from "./ports";

export const DOWNLOAD_SECONDS = 300;

export async function getExport(
  ports: { readonly exportJobs: ExportJobs; readonly exportFiles: ExportLinks; readonly clock: Clock },
  principal: StaffPrincipal,
  exportId: string,
): Promise<ExportView> {
  const record = await ports.exportJobs.get(exportId);
  const now = ports.clock.now();
  if (!record || record.requestedBy.userId !== principal.userId || record.expiresAt * 1000 <= now.getTime())
    throw new DomainError(
      "not_found",
      "export_not_found",
      text(`Ekspor ${exportId} tidak ditemukan.`, `No export ${exportId}.`),
    );
  const view: ExportView = {
    exportId: record.exportId,
    status: record.status,
    agencyId: record.agencyId,
    from: record.from,
    to: record.to,
    createdAt: record.createdAt,
    ...(record.finishedAt !== undefined && { finishedAt: record.finishedAt }),
    ...(record.rows !== undefined && { rows: record.rows }),
  };
  if (record.status !== "ready" || record.key === undefined) return view;
  return {
    ...view,
    url: await ports.exportFiles.downloadUrl(record.key, DOWNLOAD_SECONDS),
    urlExpiresAt: new Date(now.getTime() + DOWNLOAD_SECONDS * 1000).toISOString(),
  };
}
