/**
 * Where the re-indexing after an agency's latest move stands (national admin): the job record, or
 * 404 for an agency that was never moved (or does not exist).
 */
import type { StaffPrincipal } from "../domain/access";
import { agencyNotFound, assertDirectoryAdmin } from "../domain/directory";
import { DomainError } from "../domain/errors";
import { text } from "../domain/text";
import type { DirectoryRepository, ReindexJob, ReindexJobs } from "./ports";

export async function getAgencyReindex(
  ports: { readonly reindexJobs: ReindexJobs; readonly directory: DirectoryRepository },
  principal: StaffPrincipal,
  id: string,
): Promise<ReindexJob> {
  assertDirectoryAdmin(principal);
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
