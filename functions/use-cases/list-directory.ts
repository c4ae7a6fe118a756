/**
 * Read the public directory: the agency list and the category tree.
 * Both are public by design (citizens choose a category and, optionally, an agency).
 */
import type { Agency, CategoryNode } from "../domain/directory";
import type { DirectoryRepository } from "./ports";

export async function listAgencies(ports: { readonly directory: DirectoryRepository }): Promise<Agency[]> {
  return (await ports.directory.load()).listAgencies();
}

export async function listCategories(ports: {
  readonly directory: DirectoryRepository;
}): Promise<CategoryNode[]> {
  return (await ports.directory.load()).categoryTree();
}
