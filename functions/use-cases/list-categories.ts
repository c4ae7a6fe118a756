/** The public category tree (citizens choose a category when filing). */
import type { CategoryNode } from "../domain/directory";
import type { DirectoryRepository } from "./ports";

export async function listCategories(ports: {
  readonly directory: DirectoryRepository;
}): Promise<CategoryNode[]> {
  return (await ports.directory.load()).categoryTree();
}
