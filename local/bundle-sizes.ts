/**
 * `npm run bundle-sizes`: synthesizes the dev stage offline (bundling every handler exactly as
 * `cdk deploy` would) and prints each Lambda's minified bundle size, raw and gzipped.
 *
 * `--check` (CI) exits non-zero when a bundle passes its ceiling (lib/bundle-budgets.ts); `--from DIR`
 * reads an existing synth output instead of synthesizing.
 *
 * `--import-times` (`npm run bench:bundles`) also imports each bundle in fresh Node processes —
 * BENCH_RUNS of them (default 15), interleaved with an empty module's — and prints the median
 * import time less the empty module's: the part of a cold start the bundle itself costs (Lambda's
 * own start and the handler's first call not included). Processes get the environment a function
 * has in AWS, minus anything it would reach: nothing at module scope calls the network.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { BUNDLE_BUDGETS, BUNDLE_CLASS_METADATA, type BundleClass } from "../lib/bundle-budgets";

const fromIndex = process.argv.indexOf("--from");
const given = fromIndex > 0 ? process.argv[fromIndex + 1] : undefined;
const out = given ?? mkdtempSync(join(tmpdir(), "aduan-bundles-"));
const check = process.argv.includes("--check");
let overCeiling = 0;
try {
  if (!given) {
    console.log("Synthesizing (bundles every handler with esbuild)…");
    const synth = spawnSync("npx", ["cdk", "synth", "--quiet", "-o", out], { encoding: "utf8" });
    if (synth.status !== 0) {
      process.stderr.write(synth.stderr);
      throw new Error(`cdk synth failed with exit code ${synth.status}`);
    }
  }
  const templateFile = readdirSync(out).find((f) => /Stateless\.template\.json$/.test(f));
  if (!templateFile) throw new Error(`no stateless template in ${out}`);
  const template = JSON.parse(readFileSync(join(out, templateFile), "utf8")) as {
    Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
  };
  const rows = Object.entries(template.Resources)
    .filter(([, r]) => r.Type === "AWS::Lambda::Function" && r.Metadata?.["aws:asset:path"])
    .map(([logicalId, r]) => {
      const dir = join(out, String(r.Metadata?.["aws:asset:path"]));
      const bundle = readdirSync(dir).find((f) => /^index\.m?js$/.test(f));
      if (!bundle) throw new Error(`no bundle in ${dir}`);
      const code = readFileSync(join(dir, bundle));
      return {
        fn: logicalId.replace(/[0-9A-F]{8}$/, ""),
        file: join(dir, bundle),
        bytes: statSync(join(dir, bundle)).size,
        budget: (r.Metadata?.[BUNDLE_CLASS_METADATA] ?? "dynamodb-sqs") as BundleClass,
        gzip: gzipSync(code).length,
      };
    })
    .sort((a, b) => a.fn.localeCompare(b.fn));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
  const timed = process.argv.includes("--import-times");
  const runs = Number(process.env.BENCH_RUNS ?? 15);
  const empty = join(out, "empty.mjs");
  writeFileSync(empty, "export const handler = async () => {};\n");
  /** Wall time of importing `file` in a fresh Node process, in ms (measured inside the process). */
  const importMs = (file: string): number => {
    const probe = `const t=performance.now();await import(${JSON.stringify(`file://${file}`)});console.log(performance.now()-t)`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", probe], {
      encoding: "utf8",
      env: {
        PATH: process.env.PATH,
        AWS_REGION: "ap-southeast-3",
        AWS_ACCESS_KEY_ID: "x",
        AWS_SECRET_ACCESS_KEY: "x",
        STAGE: "bench",
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      },
    });
    if (run.status !== 0) throw new Error(`importing ${file} failed: ${run.stderr}`);
    return Number(run.stdout.trim());
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  console.log(
    `\n${"function".padEnd(48)}${"minified".padStart(10)}${"gzip".padStart(10)}${"target".padStart(9)}${"ceiling".padStart(9)}${timed ? "import (ms)".padStart(13) : ""}`,
  );
  for (const row of rows) {
    let time = "";
    if (timed) {
      const own: number[] = [];
      const base: number[] = [];
      for (let i = 0; i < runs; i++) {
        own.push(importMs(row.file));
        base.push(importMs(empty));
      }
      time = (median(own) - median(base)).toFixed(1).padStart(13);
    }
    const { targetKb, ceilingKb } = BUNDLE_BUDGETS[row.budget];
    const over = row.bytes > ceilingKb * 1024;
    if (over) overCeiling++;
    const mark = over ? "  ✗ over the ceiling" : row.bytes > targetKb * 1024 ? "  over target" : "";
    console.log(
      `${row.fn.padEnd(48)}${kb(row.bytes)}${kb(row.gzip)}${`${targetKb}`.padStart(9)}${`${ceilingKb}`.padStart(9)}${time}${mark}`,
    );
  }
  if (timed)
    console.log(`\nImport times: median of ${runs} fresh processes each, less an empty module's (same run).`);
  console.log(
    "\nBudgets in KiB (lib/bundle-budgets.ts): target = issue 13's; ceiling = enforced by --check (CI).",
  );
} finally {
  if (!given) rmSync(out, { recursive: true, force: true });
}
if (check && overCeiling > 0) {
  console.error(`${overCeiling} bundle(s) over their ceiling: see lib/bundle-budgets.ts`);
  process.exit(1);
}
