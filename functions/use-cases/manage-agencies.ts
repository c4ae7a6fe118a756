/**
 * The national admin maintains the agency directory. Every change is checked against the whole
 * tree (parent exists, no cycle, one root, levels descending, depth within the inbox indexes)
 * before it is written.
 *
 * Moving an agency (a new parentId) changes who may see its subtree's reports at once — access is
 * decided on the directory as it is now — and starts a re-indexing job in the same write, whose
 * first message goes to the reindex queue (reindex-reports.ts rewrites the stored ancestry and the
 * inbox indexes page by page). Repeating the same move while its job has not finished queues the
 * job again from where it stands, so a failed send is recovered by a retry of the request.
 */
import { forbidden, type StaffPrincipal } from "../domain/access";
import { type Agency, assertValidDirectory, type Directory } from "../domain/directory";
import { DomainError, detail } from "../domain/errors";
import { text } from "../domain/text";
import type { Clock, DirectoryRepository, MessageQueue, ReindexJob, ReindexJobs } from "./ports";

function assertNationalAdmin(principal: StaffPrincipal): void {
  if (principal.role !== "national_admin")
    throw forbidden(
      text(
        "Hanya Admin Nasional yang mengelola direktori instansi.",
        "Only the national admin maintains the agency directory.",
      ),
    );
}

/** The whole tree as it would be with `agency` written: validated before anything is. */
function assertValidWith(directory: Directory, agency: Agency): void {
  const agencies = [...directory.listAgencies().filter((a) => a.id !== agency.id), agency];
  assertValidDirectory({ agencies, categories: directory.listCategories() });
}

export async function createAgency(
  ports: { readonly directory: DirectoryRepository },
  principal: StaffPrincipal,
  agency: Agency,
): Promise<Agency> {
  assertNationalAdmin(principal);
  assertValidWith(await ports.directory.load(), agency);
  // The conditional write, not a read before it, decides whether the id is taken.
  if ((await ports.directory.putAgency(agency, "create")) === "exists") throw agencyExists(agency.id);
  return agency;
}

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
  patch: Partial<Omit<Agency, "id">>,
): Promise<Agency> {
  assertNationalAdmin(principal);
  const directory = await ports.directory.load();
  const current = directory.agency(id);
  if (!current) throw agencyNotFound(id);
  const next: Agency = { ...current, ...patch, id };
  assertValidWith(directory, next);
  if (next.parentId === current.parentId) {
    if ((await ports.directory.putAgency(next, "update")) === "missing") throw agencyNotFound(id);
    const unfinished = await ports.reindexJobs.get(id);
    if (patch.parentId !== undefined && unfinished?.status === "running")
      await resume(ports.queue, unfinished);
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

/** Where the re-indexing after the agency's latest move stands (national admin). */
export async function getReindexJob(
  ports: { readonly reindexJobs: ReindexJobs; readonly directory: DirectoryRepository },
  principal: StaffPrincipal,
  id: string,
): Promise<ReindexJob> {
  assertNationalAdmin(principal);
  const job = await ports.reindexJobs.get(id);
  if (!job) {
    const exists = (await ports.directory.load()).agency(id) !== undefined;
    throw exists
      ? new DomainError(
          "not_found",
          "reindex_job_not_found",
          text(`Instansi ${id} belum pernah dipindahkan.`, `Agency ${id} has not been moved.`),
        )
      : agencyNotFound(id);
  }
  return job;
}

function agencyNotFound(id: string): DomainError {
  return new DomainError(
    "not_found",
    "agency_not_found",
    text(`Instansi ${id} tidak ada.`, `No agency ${id}.`),
  );
}

function agencyExists(id: string): DomainError {
  return new DomainError(
    "conflict",
    "agency_exists",
    text(`Instansi dengan id ${id} sudah ada.`, `An agency with id ${id} already exists.`),
    [detail("id", "sudah dipakai", "already taken")],
  );
}
