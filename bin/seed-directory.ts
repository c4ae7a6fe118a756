/**
 * Seeds the agency and category directory of a deployed stage (or of any table):
 *
 *   npm run seed -- --table <TableName> [--file functions/data/demo-directory.json]
 *
 * Uses the default AWS credential chain and region (AWS_PROFILE, AWS_REGION). The file is validated
 * whole before anything is written; re-running is safe (entries are upserted).
 */
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { DirectoryData } from "../functions/domain/directory";
import { DomainError } from "../functions/domain/errors";
import { buildContainer } from "../functions/shared/container";
import { seedDirectory } from "../functions/use-cases/seed-directory";

const { values } = parseArgs({
  options: {
    table: { type: "string" },
    file: { type: "string", default: "functions/data/demo-directory.json" },
  },
});

if (!values.table) {
  console.error("usage: npm run seed -- --table <TableName> [--file <directory.json>]");
  process.exit(2);
}

try {
  const data = JSON.parse(await readFile(values.file, "utf8")) as DirectoryData;
  const counts = await seedDirectory(buildContainer({ tableName: values.table, stage: "seed" }), data);
  console.log(`Seeded ${counts.agencies} agencies and ${counts.categories} categories into ${values.table}.`);
} catch (error) {
  if (error instanceof DomainError) {
    console.error(`${values.file}: ${error.message}`);
    for (const detail of error.details) console.error(`  ${detail.field}: ${detail.message}`);
  } else {
    console.error(`Seeding failed: ${(error as Error).message}`);
  }
  process.exit(1);
}
