/**
 * Swagger UI's static files, served by the docs function without any network: in Lambda they are
 * copied next to the bundle (see `assets` in routes.ts); locally they are read from node_modules.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ROUTES } from "../manifests/routes";

const CONTENT_TYPES: Record<string, string> = {
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
};

/** Only files the route manifest ships may be read: the file name is user input. */
const ALLOWED = new Map(
  ROUTES.flatMap((route) => route.assets ?? []).map((asset) => [basename(asset), asset] as const),
);

export async function readDocsAsset(
  file: string,
): Promise<{ body: Buffer; contentType: string } | undefined> {
  const asset = ALLOWED.get(file);
  if (!asset) return undefined;
  const contentType = CONTENT_TYPES[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream";
  const bundled = join(dirname(fileURLToPath(import.meta.url)), file);
  try {
    return { body: await readFile(bundled), contentType };
  } catch {
    const fromModules = createRequire(import.meta.url).resolve(asset);
    return { body: await readFile(fromModules), contentType };
  }
}

export const SWAGGER_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Aduan API</title>
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script>
    window.ui = SwaggerUIBundle({
      url: "/v1/openapi.json",
      dom_id: "#swagger-ui",
      validatorUrl: null,
      deepLinking: true,
      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
      layout: "StandaloneLayout"
    });
  </script>
</body>
</html>
`;
