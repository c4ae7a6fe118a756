/**
 * `npm run bundle-sizes`: synthesizes the dev stage offline (bundling every handler exactly as
 * `cdk deploy` would) and prints each Lambda's minified bundle size, raw and gzipped.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const out = mkdtempSync(join(tmpdir(), "aduan-bundles-"));
try {
  console.log("Synthesizing (bundles every handler with esbuild)…");
  const synth = spawnSync("npx", ["cdk", "synth", "--quiet", "-o", out], { encoding: "utf8" });
  if (synth.status !== 0) {
    process.stderr.write(synth.stderr);
    throw new Error(`cdk synth failed with exit code ${synth.status}`);
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
        bytes: statSync(join(dir, bundle)).size,
        gzip: gzipSync(code).length,
      };
    })
    .sort((a, b) => a.fn.localeCompare(b.fn));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
  console.log(`\n${"function".padEnd(48)}${"minified".padStart(10)}${"gzip".padStart(10)}`);
  for (const row of rows) console.log(`${row.fn.padEnd(48)}${kb(row.bytes)}${kb(row.gzip)}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
