/**
 * How every Aduan function is bundled: one esbuild configuration for `cdk synth` (HandlerFunction
 * runs this file as a program, see below), for the bundle tests and for the size benchmark.
 *
 * ESM for Node.js 24, minified, source maps without sources, the AWS SDK bundled (the versions in
 * package-lock.json are what runs), and two things esbuild's options alone cannot say:
 * - SDK modules a Lambda function never runs replaced (LAMBDA_MODULE_ALIASES);
 * - the SDK clients' schema tables made shakeable (`sdkSchemaKeys`).
 */
import { copyFileSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { type BuildOptions, build, type Plugin } from "esbuild";
import { repoPath } from "./paths";

/**
 * ESM bundles have no `require`; CommonJS dependencies bundled into them still call it.
 * This banner gives them one (the pattern Powertools documents for ESM Lambda bundles).
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __aduanCreateRequire } from 'node:module'; const require = __aduanCreateRequire(import.meta.url);";

/**
 * Modules the bundler replaces:
 * - Lambda always puts the role's credentials in the environment, so the SDK's default credential
 *   chain (profiles, SSO, IMDS …) is swapped for the environment provider: about a quarter off
 *   every bundle (functions/adapters/aws/lambda-credentials.ts);
 * - the SDK's event-stream codec, which no operation Aduan calls uses, for a module that says so
 *   if one ever does: 19 KB off every bundle (functions/adapters/aws/no-event-streams.ts).
 */
export const LAMBDA_MODULE_ALIASES: Readonly<Record<string, string>> = {
  "@aws-sdk/credential-provider-node": repoPath("functions/adapters/aws/lambda-credentials.ts"),
  "@smithy/core/event-streams": repoPath("functions/adapters/aws/no-event-streams.ts"),
};

/** The file a function's bundle is written to (the handler is `index.handler`). */
export const BUNDLE_FILE = "index.mjs";

/**
 * Each SDK client declares every operation's shapes in one module of arrays, whose traits are
 * written with computed keys (`{ [_hH]: "x-amz-date" }`, `_hH` a string constant). esbuild keeps
 * any statement with a computed key (the key could run code when converted), so every shape of
 * the service stays in the bundle, used or not: 47 KB of SES's, 67 KB of S3's. Writing the
 * constant's value in the key's place ( `{ "httpHeader": … }` ) changes nothing at run time and
 * lets esbuild drop the shapes no command refers to.
 */
export function sdkSchemaKeys(): Plugin {
  return {
    name: "aduan-sdk-schema-keys",
    setup(esbuild) {
      esbuild.onLoad(
        { filter: /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/][^\\/]+\.js$/ },
        (args) => {
          const source = readFileSync(args.path, "utf8");
          return { contents: inlineConstantKeys(source), loader: "js" };
        },
      );
    },
  };
}

/** `{ [_name]: v }` → `{ "value": v }` for every `const _name = "value";` of the module. */
export function inlineConstantKeys(source: string): string {
  const constants = new Map<string, string>();
  for (const [, name, literal] of source.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm))
    if (name && literal) constants.set(name, literal);
  return source.replace(/\[(_\w+)\]:/g, (whole, name: string) => {
    const literal = constants.get(name);
    return literal === undefined ? whole : `${literal}:`;
  });
}

/** The esbuild options of a function's bundle, `entry` relative to the repository root. */
export function bundleOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: [repoPath(entry)],
    outfile: join(outdir, BUNDLE_FILE),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    mainFields: ["module", "main"],
    banner: { js: ESM_REQUIRE_BANNER },
    alias: { ...LAMBDA_MODULE_ALIASES },
    plugins: [sdkSchemaKeys()],
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    logLevel: "warning",
  };
}

/**
 * Bundles `entry` into `outdir`, with `assets` (paths under node_modules) copied beside the
 * bundle under their base name, e.g. `swagger-ui-dist/swagger-ui.css` → `<outdir>/swagger-ui.css`.
 */
export async function bundleFunction(
  entry: string,
  outdir: string,
  assets: readonly string[] = [],
): Promise<void> {
  await build(bundleOptions(entry, outdir));
  for (const asset of assets) copyFileSync(repoPath("node_modules", asset), join(outdir, basename(asset)));
}

/** The arguments HandlerFunction passes when it runs this file (`node --import tsx lib/bundling.ts`). */
export interface BundleRequest {
  readonly entry: string;
  readonly outdir: string;
  readonly assets: readonly string[];
}

// CDK bundles synchronously, esbuild's plugins run only in its asynchronous API: so the construct
// runs this file in a child process with the request as its one argument.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const request = JSON.parse(process.argv[2] ?? "{}") as BundleRequest;
  bundleFunction(request.entry, request.outdir, request.assets).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
