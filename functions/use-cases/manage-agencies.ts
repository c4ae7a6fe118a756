/**
 * The national admin maintains the agency directory. Every change is checked against the whole
 * tree (parent exists, no cycle, one root, depth within the inbox indexes) before it is written.
 * Reports already assigned inside a moved subtree keep their old ancestry until their next change
 * (see docs/decisions.md).
 */
import { forbidden, type StaffPrincipal } from "../domain/access";
import { type Agency, assertValidDirectory } from "../domain/directory";
import { DomainError } from "../domain/errors";
import type { DirectoryRepository } from "./ports";

function assertNationalAdmin(principal: StaffPrincipal): void {
  if (principal.role !== "national_admin")
    throw forbidden("Only the national admin maintains the agency directory.");
}

async function checkedTree(
  ports: { readonly directory: DirectoryRepository },
  agency: Agency,
): Promise<void> {
  const directory = await ports.directory.load();
  const agencies = [...directory.listAgencies().filter((a) => a.id !== agency.id), agency];
  assertValidDirectory({ agencies, categories: directory.listCategories() });
}

export async function createAgency(
  ports: { readonly directory: DirectoryRepository },
  principal: StaffPrincipal,
  agency: Agency,
): Promise<Agency> {
  assertNationalAdmin(principal);
  if ((await ports.directory.load()).agency(agency.id)) throw agencyExists(agency.id);
  await checkedTree(ports, agency);
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
  const current = (await ports.directory.load()).agency(id);
  if (!current) throw new DomainError("not_found", "agency_not_found", `No agency ${id}.`);
  const next: Agency = { ...current, ...patch, id };
  await checkedTree(ports, next);
  if ((await ports.directory.putAgency(next, "update")) === "missing") {
    throw new DomainError("not_found", "agency_not_found", `No agency ${id}.`);
  }
  return next;
}

function agencyExists(id: string): DomainError {
  return new DomainError("conflict", "agency_exists", `An agency with id ${id} already exists.`, [
    { field: "id", message: "already taken" },
  ]);
}
