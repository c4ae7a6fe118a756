/**
 * `npm run bench:roundtrips` — DynamoDB calls per operation, printed. The figures come from the
 * integration test that asserts them (tests/integration/round-trips.test.ts, real handlers on
 * DynamoDB Local with a counting middleware on the client): this runs it and prints what it saw.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "aduan-round-trips-"));
const out = join(dir, "round-trips.json");
try {
  console.log("Running tests/integration/round-trips.test.ts on DynamoDB Local…");
  const run = spawnSync(
    "npx",
    ["vitest", "run", "--project", "integration", "tests/integration/round-trips.test.ts"],
    { encoding: "utf8", env: { ...process.env, ROUND_TRIPS_OUT: out } },
  );
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    throw new Error(`the round-trips test failed (exit code ${run.status})`);
  }
  const measured = JSON.parse(readFileSync(out, "utf8")) as { operation: string; calls: string[] }[];
  console.log(`\n${"operation".padEnd(36)}${"calls".padStart(6)}  DynamoDB API calls`);
  for (const { operation, calls } of measured) {
    const byCommand = new Map<string, number>();
    for (const command of calls) byCommand.set(command, (byCommand.get(command) ?? 0) + 1);
    const counted = [...byCommand].map(([command, n]) => (n > 1 ? `${n} × ${command}` : command));
    console.log(`${operation.padEnd(36)}${String(calls.length).padStart(6)}  ${counted.join(", ")}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
