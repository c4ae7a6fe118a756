/**
 * The web app's paths beside the API's: every API route is under API_PATH_PATTERNS (so CloudFront
 * and the local server send it to the API), and the local server answers app routes with the page
 * through the CloudFront Function's own rewrite — files as files, API paths never.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ROUTE_PATH, isApiPath, ROUTES } from "../../../functions/manifests/routes";
import { webApp } from "../../../local/web-app";

describe("API paths", () => {
  it("hold every route of the manifest, and no app route", () => {
    for (const route of ROUTES.filter((r) => r.path !== DEFAULT_ROUTE_PATH))
      expect(isApiPath(route.path), route.path).toBe(true);
    for (const path of [
      "/",
      "/lapor",
      "/lacak/7KQ4M-9TXRR",
      "/staf/dasbor",
      "/assets/index.js",
      "/v1",
      "/docsx",
    ])
      expect(isApiPath(path), path).toBe(path === "/docsx");
  });
});

describe("the local web app server", () => {
  let dist = "";
  let server: Server;
  let base = "";
  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), "aduan-web-dist-"));
    await mkdir(join(dist, "assets"));
    await writeFile(join(dist, "index.html"), "<!doctype html><title>app</title>");
    await writeFile(join(dist, "assets", "index-abc.js"), "console.log(1)");
    const serve = webApp({ distDir: dist, uploadOrigins: ["http://127.0.0.1:9"] });
    server = createServer(async (req, res) => {
      if (!(await serve(req, res))) {
        res.writeHead(599);
        res.end("not mine");
      }
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
    await rm(dist, { recursive: true, force: true });
  });

  it("answers every app route with the page, files as themselves, and leaves the API and /_local alone", async () => {
    for (const path of ["/", "/lapor", "/lacak/7KQ4M-9TXRR", "/staf/laporan/X?y=1"]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(await response.text()).toContain("<title>app</title>");
      // CloudFront's response headers policy, here too (lib/web-security.ts).
      expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(response.headers.get("content-security-policy")).toContain(
        "connect-src 'self' http://127.0.0.1:9",
      );
      expect(response.headers.get("x-frame-options")).toBe("DENY");
    }
    const asset = await fetch(`${base}/assets/index-abc.js`);
    expect(asset.headers.get("content-type")).toContain("text/javascript");
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/..%2F..%2Fetc%2Fpasswd.txt`)).status).toBe(404);
    expect((await fetch(`${base}/..%2F${dist.split("/").pop()}-x%2Fa.js`)).status).toBe(404);
    expect((await fetch(`${base}/%E0%A4%A.js`)).status).toBe(404);
    for (const path of ["/v1/reports/X", "/open311/v2/services.json", "/docs", "/_local/clock"])
      expect((await fetch(`${base}${path}`)).status, path).toBe(599);
    expect((await fetch(`${base}/lapor`, { method: "POST" })).status).toBe(599);
  });

  it("tells the app that staff sign in with the demo sign-in", async () => {
    expect(await (await fetch(`${base}/config.json`)).json()).toEqual({ signIn: { kind: "demo" } });
  });
});
