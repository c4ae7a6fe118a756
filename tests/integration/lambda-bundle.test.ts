/**
 * The handlers as Lambda runs them: bundled by esbuild with the construct's options (ESM, the
 * require banner, the credential-chain alias), imported from the bundle, and called with
 * environment credentials only — against DynamoDB Local. Proves the aliased credential provider
 * works, which no source-level test can.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESM_REQUIRE_BANNER, LAMBDA_MODULE_ALIASES } from "../../lib/constructs/handler-function";
import { repoPath } from "../../lib/paths";
import { httpEvent, lambdaContext } from "../fixtures/http-events";
import { validReport } from "../fixtures/in-memory";
import { createTestTable, type TestTable } from "../setup/test-table";

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;

let table: TestTable;
let outdir: string;

async function bundle(name: string): Promise<{ handler: Handler; code: string }> {
  const outfile = join(outdir, `${name}.mjs`);
  await build({
    entryPoints: [repoPath(`functions/http/${name}.ts`)],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    mainFields: ["module", "main"],
    banner: { js: ESM_REQUIRE_BANNER },
    alias: { ...LAMBDA_MODULE_ALIASES },
    minify: true,
    outfile,
    logLevel: "silent",
  });
  const module = (await import(pathToFileURL(outfile).href)) as { handler: Handler };
  return { handler: module.handler, code: await readFile(outfile, "utf8") };
}

beforeAll(async () => {
  table = await createTestTable();
  outdir = await mkdtemp(join(tmpdir(), "aduan-bundle-"));
  // What Lambda gives a function: its configuration, and the role's credentials in the
  // environment (here the run's fake ones: DynamoDB Local keeps one namespace per access key).
  process.env.TABLE_NAME = table.tableName;
});
afterAll(async () => {
  await table?.drop();
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe("bundled handlers", () => {
  it("leave the SDK's default credential chain out of the bundle", async () => {
    const { code } = await bundle("list-categories");
    expect(code).not.toContain("credential-provider-sso");
    expect(code).not.toContain("AWS_CONTAINER_CREDENTIALS_FULL_URI"); // the ECS/IMDS providers
    expect(code).toContain("AWS_SECRET_ACCESS_KEY"); // the environment provider
  });

  it("carry zod's Indonesian messages but no other language's", async () => {
    const { code } = await bundle("list-categories");
    expect(code).toContain("Terlalu kecil"); // Indonesian
    expect(code).not.toContain("Ungültige Eingabe"); // German: z.locales would bring every language
  });

  it("file and track a report with environment credentials only", async () => {
    const submit = (await bundle("submit-report")).handler;
    const track = (await bundle("get-report")).handler;
    const { seedDirectory } = await import("../../functions/use-cases/seed-directory");
    const { buildContainer } = await import("../../functions/shared/container");
    const { demoDirectoryData } = await import("../fixtures/in-memory");
    await seedDirectory(buildContainer({ tableName: table.tableName, stage: "test" }), demoDirectoryData);

    const created = await submit(
      httpEvent({
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(validReport),
      }),
      lambdaContext,
    );
    expect(created.statusCode).toBe(201);
    const { trackingId } = JSON.parse(created.body);
    const tracked = await track(httpEvent({ pathParameters: { trackingId } }), lambdaContext);
    expect(tracked.statusCode).toBe(200);
    expect(JSON.parse(tracked.body)).toMatchObject({ trackingId, status: "submitted" });
  });
});
