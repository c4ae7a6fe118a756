/** The public agency directory (citizens may address an agency directly), in tree order. */
import type { Agency } from "../domain/directory";
import type { DirectoryRepository } from "./ports";

export async function listAgencies(ports: { readonly directory: DirectoryRepository }): Promise<Agency[]> {
  return (await ports.directory.load()).listAgencies();
}
