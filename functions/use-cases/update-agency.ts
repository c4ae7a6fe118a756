/**
 * Rename, re-level or move an agency (national admin).
 *
 * Input: the agency id and the fields to change. Output: the agency as written. Every change is
 * checked against the whole tree first. Moving an agency (a new parentId) changes who may see its
 * subtree's reports as soon as each function reads the directory again (it keeps it at most
 * DIRECTORY_CACHE_SECONDS, 60 by default): access is decided on the directory, never on the
 * ancestry stored with a report. It also starts a
 * re-indexing job in the same write, whose first message goes to the reindex queue
 * (reindex-reports.ts rewrites the stored ancestry and inbox indexes page by page). Repeating the
 * same move while its job has not finished queues the job again from where it stands, so a failed
 * send is recovered by a retry of the request; a different move waits (409) until it is done.
 */
import type { StaffPrincipal } from "../domain/access";
import { type Agency, agencyNotFound, assertDirectoryAdmin, assertValidWith } from "../domain/directory";
import { DomainError, detail } from "../domain/errors";
import { text } from "../domain/text";
import type { Clock, DirectoryRepository, MessageQueue, ReindexJob, ReindexJobs } from "./ports";

export interface UpdateAgencyPorts {
  readonly directory: DirectoryRepository;
  readonly reindexJobs: ReindexJobs;
  readonly queue: MessageQueue;
  readonly clock: Clock;
}

export async function updateAgency(
  ports: UpdateAgencyPorts,
  principal: StaffPrincipal,
  id: string,
  patch: Partial<Omit<Agency, "id" | "passingGradePercent">> & { passingGradePercent?: number | null },
): Promise<Agency> {
  assertDirectoryAdmin(principal);
  const directory = await ports.directory.load();
  const current = directory.agency(id);
  if (!current) throw agencyNotFound(id);
  const { passingGradePercent, ...fields } = patch;
  const { passingGradePercent: _previousGrade, ...kept } = current;
  const grade = passingGradePercent === undefined ? current.passingGradePercent : passingGradePercent;
  const next: Agency = {
    ...kept,
    ...fields,
    id,
    ...(grade !== null && grade !== undefined && { passingGradePercent: grade }),
  };
  assertValidWith(directory, next);
  if (next.parentId === current.parentId) {
    if ((await ports.directory.putAgency(next, "update")) === "missing") throw agencyNotFound(id);
    // Only a repeated move asks about its job; a rename reads nothing more.
    const unfinished = patch.parentId === undefined ? undefined : await ports.reindexJobs.get(id);
    if (unfinished?.status === "running") await resume(ports.queue, unfinished);
    return next;
  }
  const previous = await ports.reindexJobs.get(id);
  if (previous?.status === "running") {
    // Its reports are still indexed where the previous move found them: one move at a time.
    throw new DomainError(
      "conflict",
      "reindex_in_progress",
      text(
        `Instansi ${id} masih dalam proses pemindahan (${previous.processed} laporan sudah diindeks ulang); coba lagi setelah GET /v1/agencies/${id}/reindex menyatakan selesai.`,
        `Agency ${id} is still being moved (${previous.processed} reports re-indexed so far); try again when GET /v1/agencies/${id}/reindex says done.`,
      ),
      [detail("parentId", "pemindahan sebelumnya belum selesai", "the previous move is not finished")],
    );
  }
  const now = ports.clock.now().toISOString();
  const job: ReindexJob = {
    jobId: `${id}@${now}`,
    agencyId: id,
    fromDepth: directory.ancestry(id).length - 1,
    status: "running",
    step: 0,
    statusIndex: 0,
    processed: 0,
    rewritten: 0,
    startedAt: now,
    updatedAt: now,
  };
  if ((await ports.directory.moveAgency(next, job)) === "missing") throw agencyNotFound(id);
  await resume(ports.queue, job);
  return next;
}

/** Queues a job's next page from the position it has recorded. */
async function resume(queue: MessageQueue, job: ReindexJob): Promise<void> {
  await queue.send("reindex", [
    {
      v: 1,
      jobId: job.jobId,
      agencyId: job.agencyId,
      fromDepth: job.fromDepth,
      statusIndex: job.statusIndex,
      ...(job.cursor !== undefined && { cursor: job.cursor }),
      step: job.step,
    },
  ]);
}
