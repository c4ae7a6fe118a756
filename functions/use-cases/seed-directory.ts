/**
 * Seed (or re-seed) the agency and category directory from a data file.
 *
 * Input: directory data, and whether entries already in the table are kept. Output: counts
 * written. Steps: validate the whole tree first (no cycles, parents exist, one root, levels
 * descending, depth within the inbox indexes) so that a bad file writes nothing; then either upsert
 * every entry (a deployer's `npm run seed`: the file is the truth) or, with `keepExisting`, write
 * only the agencies and categories the table does not have yet (`npm start`: the demo data fills
 * gaps but never undoes an edit made through the API). Idempotent either way.
 */
import { assertValidDirectory, type DirectoryData } from "../domain/directory";
import type { DirectoryRepository } from "./ports";

export async function seedDirectory(
  ports: { readonly directory: DirectoryRepository },
  data: DirectoryData,
  options: { readonly keepExisting?: boolean } = {},
): Promise<{ agencies: number; categories: number }> {
  assertValidDirectory(data);
  let missing = data;
  if (options.keepExisting) {
    const current = await ports.directory.load();
    missing = {
      agencies: data.agencies.filter((agency) => current.agency(agency.id) === undefined),
      categories: data.categories.filter((category) => current.category(category.code) === undefined),
    };
  }
  if (missing.agencies.length + missing.categories.length > 0) await ports.directory.save(missing);
  return { agencies: missing.agencies.length, categories: missing.categories.length };
}
