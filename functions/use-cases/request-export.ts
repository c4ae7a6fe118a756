/**
 * Ask for a staff export of the caller's subtree (any staff role, supervisors included).
 *
 * Input: principal, `{from, to}` local submission dates (YYYY-MM-DD) and an optional agency below
 * the caller's, the reader's language for the column labels. Output: the export's record, queued
 * (202). The file is written by the `write-export` job; `GET /v1/exports/{id}` follows it.
 */
import { assertAgencyInScope, type StaffPrincipal } from "../domain/access";
import { DomainError, detail } from "../domain/errors";
import { EXPORT_RETENTION_DAYS, type ExportRecord } from "../domain/exports";
import { type Locale, text } from "../domain/text";
import type { Clock, DirectoryRepository, ExportJobs, IdGenerator, MessageQueue } from "./ports";

export interface ExportPorts {
  readonly directory: DirectoryRepository;
  readonly exportJobs: ExportJobs;
  readonly queue: MessageQueue;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export interface ExportInput {
  readonly from: string;
  readonly to: string;
  readonly agencyId?: string;
}

export async function requestExport(
  ports: ExportPorts,
  principal: StaffPrincipal,
  input: ExportInput,
  locale: Locale,
): Promise<ExportRecord> {
  if (input.from > input.to)
    throw new DomainError(
      "invalid",
      "invalid_input",
      text("Rentang tanggal ekspor tidak valid.", "Invalid export date range."),
      [detail("to", "tidak boleh sebelum from", "must not be before from")],
    );
  const directory = await ports.directory.load();
  const agencyId =
    input.agencyId ?? (principal.role === "national_admin" ? directory.root().id : principal.agencyId);
  assertAgencyInScope(principal, agencyId, directory);
  const now = ports.clock.now();
  const record: ExportRecord = {
    exportId: `exp-${ports.ids.shortId()}`,
    requestedBy: { userId: principal.userId, role: principal.role, agencyId: principal.agencyId },
    agencyId,
    from: input.from,
    to: input.to,
    locale,
    status: "queued",
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + EXPORT_RETENTION_DAYS * 86_400,
  };
  if ((await ports.exportJobs.create(record)) === "exists") throw new Error("export id collision; retry");
  await ports.queue.send("exports", [{ v: 1, exportId: record.exportId }]);
  return record;
}
