/**
 * Seed (or re-seed) the agency and category directory from a data file.
 *
 * Input: directory data. Output: counts written. Steps: validate the whole tree first (no cycles,
 * parents exist, one root, depth within the inbox indexes) so that a bad file writes nothing, then
 * upsert every entry. Idempotent: seeding twice leaves the same directory.
 */
import { assertValidDirectory, type DirectoryData } from "../domain/directory";
import type { DirectoryRepository } from "./ports";

export async function seedDirectory(
  ports: { readonly directory: DirectoryRepository },
  data: DirectoryData,
): Promise<{ agencies: number; categories: number }> {
  assertValidDirectory(data);
  await ports.directory.save(data);
  return { agencies: data.agencies.length, categories: data.categories.length };
}
