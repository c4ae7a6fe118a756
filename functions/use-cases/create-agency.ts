/**
 * Add an agency to the directory (national admin).
 * Input: the new agency. Output: the agency. Steps: check the whole tree as it would be (parent
 * exists, no cycle, one root, levels descending, depth within the inbox indexes), then one
 * conditional write; a taken id is 409 `agency_exists`, decided by the write, not a read before it.
 */
import type { StaffPrincipal } from "../domain/access";
import { type Agency, agencyExists, assertDirectoryAdmin, assertValidWith } from "../domain/directory";
import type { DirectoryRepository } from "./ports";

export async function createAgency(
  ports: { readonly directory: DirectoryRepository },
  principal: StaffPrincipal,
  agency: Agency,
): Promise<Agency> {
  assertDirectoryAdmin(principal);
  assertValidWith(await ports.directory.load(), agency);
  // The conditional write, not a read before it, decides whether the id is taken.
  if ((await ports.directory.putAgency(agency, "create")) === "exists") throw agencyExists(agency.id);
  return agency;
}
