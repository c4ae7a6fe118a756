import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { JOBS } from "../../functions/manifests/jobs";
import { handlersOf, ROUTES } from "../../functions/manifests/routes";
import { REPO_ROOT } from "../../lib/paths";
import { type Cfn, missingJobHandlers } from "./helpers";

/**
 * The one test that runs the real thing: `cdk synth` through the CLI, with bundling, offline and
 * without credentials. Everything else in tests/infra skips bundling to stay fast.
 */
const outdir = mkdtempSync(join(tmpdir(), "aduan-synth-"));

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("cdk synth (CLI, with bundling)", () => {
  it("bundles one ESM asset per route handler and job, with its static files, and passes cdk-nag", {
    timeout: 300_000,
  }, () => {
    // The CLI synthesizes the real manifest, so every job needs its real handler file.
    expect(missingJobHandlers(), "JOBS entries without functions/jobs/<handler>.ts").toEqual([]);

    const result = spawnSync("npx", ["cdk", "synth", "--quiet", "-c", "stage=dev", "-o", outdir], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: "true" },
    });
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);

    const template = JSON.parse(readFileSync(join(outdir, "Aduan-dev-Stateless.template.json"), "utf8"));
    expect(existsSync(join(outdir, "Aduan-dev-Stateful.template.json"))).toBe(true);

    const functions = Object.values<Cfn>(template.Resources).filter(
      (resource) => resource.Type === "AWS::Lambda::Function",
    );
    expect(functions).toHaveLength(handlersOf(ROUTES).size + JOBS.length);

    const bundles: [string, readonly string[]][] = [
      ...[...handlersOf(ROUTES)].map(([handler, routes]): [string, readonly string[]] => [
        handler,
        routes.flatMap((route) => route.assets ?? []),
      ]),
      ...JOBS.map((job): [string, readonly string[]] => [job.handler, []]),
    ];
    // Each function its own bundle (an asset's path is its content's hash): never one shared by mistake.
    expect(new Set(functions.map((fn) => fn.Metadata["aws:asset:path"])).size).toBe(functions.length);
    for (const [handler, assets] of bundles) {
      const fn = functions.find((candidate) => candidate.Properties.Description === handler);
      expect(fn, handler).toBeDefined();
      const assetDir = join(outdir, fn.Metadata["aws:asset:path"]);
      expect(existsSync(join(assetDir, "index.mjs")), `${handler} bundle`).toBe(true);
      expect(existsSync(join(assetDir, "index.mjs.map")), `${handler} source map`).toBe(true);
      for (const asset of assets) {
        expect(existsSync(join(assetDir, basename(asset))), `${handler}: ${asset}`).toBe(true);
      }
    }

    const report = JSON.parse(readFileSync(join(outdir, "validation-report.json"), "utf8"));
    expect((report.pluginReports ?? []).filter((plugin: Cfn) => plugin.conclusion !== "success")).toEqual([]);
  });
});
