/**
 * The national admin maintains the agency directory. Every change is checked against the whole
 * tree (parent exists, no cycle, one root, depth within the inbox indexes) before it is written.
 * Reports already assigned inside a moved subtree keep their old ancestry until their next change
 * (see docs/decisions.md).
 */
import { forbidden, type StaffPrincipal } from "../domain/access";
import { type Agency, assertValidDirectory, type Directory } from "../domain/directory";
import { DomainError } from "../domain/errors";
import type { DirectoryRepository } from "./ports";

function assertNationalAdmin(principal: StaffPrincipal): void {
  if (principal.role !== "national_admin")
    throw forbidden("Only the national admin maintains the agency directory.");
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

export async function updateAgency(
  ports: { readonly directory: DirectoryRepository },
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
  if ((await ports.directory.putAgency(next, "update")) === "missing") throw agencyNotFound(id);
  return next;
}

function agencyNotFound(id: string): DomainError {
  return new DomainError("not_found", "agency_not_found", `No agency ${id}.`);
}

function agencyExists(id: string): DomainError {
  return new DomainError("conflict", "agency_exists", `An agency with id ${id} already exists.`, [
    { field: "id", message: "already taken" },
  ]);
}
