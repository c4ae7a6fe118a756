/**
 * Re-index the reports of a moved agency's subtree (reindex queue consumer), one page a message.
 *
 * Input: a ReindexMessage `{jobId, agencyId, fromDepth, statusIndex, cursor, step}`.
 * Output: `continued`, `done` or `stale` (an older job's message after a newer move).
 * Steps: read one page of the reports still indexed under the agency at its old depth, status by
 * status; rewrite each one whose stored ancestry differs from the directory as it is now (a
 * conditional write on its version: a concurrent lifecycle change writes the current ancestry
 * itself, so a conflict is re-read once and settled); record progress (conditional on the step,
 * so a redelivered message never counts twice); queue the next page. A message that fails is
 * retried by SQS and, after five tries, kept in the dead-letter queue; `GET
 * /v1/agencies/{id}/reindex` shows where the job stands and a repeated move request resumes it.
 * Access decisions never wait for this: they follow the directory at once (access.ts).
 */
import type { Directory } from "../domain/directory";
import type { ReindexMessage } from "../domain/messages";
import { REPORT_STATUSES, type Report } from "../domain/report";
import type {
  Clock,
  DirectoryRepository,
  MessageQueue,
  ReindexJob,
  ReindexJobs,
  ReportRepository,
} from "./ports";

export const REINDEX_PAGE_SIZE = 100;

export interface ReindexPorts {
  readonly reports: ReportRepository;
  readonly directory: DirectoryRepository;
  readonly reindexJobs: ReindexJobs;
  readonly queue: MessageQueue;
  readonly clock: Clock;
}

export async function reindexReports(
  ports: ReindexPorts,
  message: ReindexMessage,
): Promise<"continued" | "done" | "stale"> {
  const job = await ports.reindexJobs.get(message.agencyId);
  if (!job || job.jobId !== message.jobId || job.step > message.step + 1) return "stale";
  // Fresh: this function's cached copy may predate the move that started the job.
  const directory = await ports.directory.load({ fresh: true });
  const status = REPORT_STATUSES[message.statusIndex];
  if (status === undefined) return "done";

  const page = await ports.reports.inbox({
    agencyId: message.agencyId,
    depth: message.fromDepth,
    status,
    limit: REINDEX_PAGE_SIZE,
    ...(message.cursor !== undefined && { cursor: message.cursor }),
  });
  let rewritten = 0;
  for (const report of page.reports) if (await rewrite(ports.reports, report, directory)) rewritten++;

  const next = nextPosition(message, page.cursor);
  const now = ports.clock.now().toISOString();
  const progressed: ReindexJob = {
    ...job,
    step: message.step + 1,
    statusIndex: next?.statusIndex ?? REPORT_STATUSES.length,
    processed: job.processed + page.reports.length,
    rewritten: job.rewritten + rewritten,
    updatedAt: now,
    cursor: next?.cursor,
    ...(next === undefined && { status: "done" as const, finishedAt: now }),
  };
  // Already recorded by an earlier delivery of this message: only make sure the next one is queued.
  if (job.step === message.step) await ports.reindexJobs.advance(progressed);
  if (next === undefined) return "done";
  await ports.queue.send("reindex", [{ ...message, ...next, step: message.step + 1 }]);
  return "continued";
}

/** The message that continues after this page: the same status further on, or the next status. */
function nextPosition(
  message: ReindexMessage,
  cursor: string | undefined,
): { statusIndex: number; cursor?: string } | undefined {
  if (cursor !== undefined) return { statusIndex: message.statusIndex, cursor };
  const statusIndex = message.statusIndex + 1;
  return statusIndex < REPORT_STATUSES.length ? { statusIndex } : undefined;
}

/** Writes the report's current ancestry if it changed; true when something was rewritten. */
async function rewrite(reports: ReportRepository, indexed: Report, directory: Directory): Promise<boolean> {
  let report = indexed;
  for (let attempt = 0; attempt < 3; attempt++) {
    const path = directory.ancestry(report.assignedAgencyId);
    if (path.length === 0 || samePath(path, report.agencyPath)) return false;
    if ((await reports.reindex({ ...report, agencyPath: path })) === "saved") return true;
    // The index copy was stale or someone changed the report meanwhile: read it again.
    const fresh = await reports.load(report.trackingId);
    if (!fresh) return false;
    report = fresh.report;
  }
  throw new Error(`report ${indexed.trackingId} kept changing while being re-indexed; will retry`);
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
