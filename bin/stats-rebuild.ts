/**
 * Recomputes the agency figures from the reports and reports every counter that differed:
 *
 *   npm run stats:rebuild -- [--from YYYY-MM] [--table <TableName>]
 *
 * Without --table it works on the system `npm start` is running (its table on DynamoDB Local);
 * with --table, on a deployed stage's table with the default AWS credential chain and region.
 * Safe to re-run and safe while the system runs (functions/use-cases/rebuild-figures.ts).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildContainer } from "../functions/shared/container";
import { readRuntimeConfig } from "../functions/shared/runtime-config";
import { rebuildFigures } from "../functions/use-cases/rebuild-figures";

const { values } = parseArgs({
  options: {
    from: { type: "string" },
    table: { type: "string" },
    "data-dir": { type: "string", default: ".aduan" },
  },
});

if (values.from !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.from)) {
  console.error("usage: npm run stats:rebuild -- [--from YYYY-MM] [--table <TableName>]");
  process.exit(2);
}

let env: Record<string, string | undefined> = process.env;
if (!values.table) {
  // The running `npm start`: its table, endpoint and configuration (written at start).
  try {
    const local = JSON.parse(await readFile(join(values["data-dir"], "local-system.json"), "utf8"));
    env = { ...process.env, ...local.environment };
    Object.assign(process.env, local.environment);
  } catch {
    console.error(
      `No --table given and no running \`npm start\` found (${values["data-dir"]}/local-system.json).`,
    );
    process.exit(2);
  }
} else {
  env = { ...process.env, TABLE_NAME: values.table };
}

try {
  const started = performance.now();
  const outcome = await rebuildFigures(buildContainer(readRuntimeConfig(env)), {
    ...(values.from !== undefined && { from: values.from }),
    progress: (line) => console.log(line),
  });
  for (const d of outcome.differences)
    console.log(
      `differed: ${d.agencyId} ${d.period} ${d.field}: counter ${d.found}, reports say ${d.expected} (corrected)`,
    );
  console.log(
    `Done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${outcome.reports} reports, ` +
      `${outcome.reconciled} brought up to date, ${outcome.countersChecked} counters checked, ` +
      `${outcome.differences.length} fields differed${outcome.differences.length > 0 ? " and were corrected" : ""}.`,
  );
} catch (error) {
  console.error(`Rebuild failed: ${(error as Error).message}`);
  process.exit(1);
}
