/**
 * The web app under `npm start`, served as CloudFront serves it in AWS: every path that is not the
 * API's (API_PATH_PATTERNS) or a local helper's is a file of the built app (web/dist), after the
 * same rewrite CloudFront runs (lib/edge/app-rewrite.js: app routes → /index.html). `/config.json`
 * tells the app how staff sign in: here the demo sign-in (`/_local/token`).
 *
 * `ensureWebBuild()` builds the app (lib/web-build.ts, about a second) when its sources are newer
 * than the build, one process at a time (a lock directory), so `npm start` serves the current app.
 */
import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { isApiPath } from "../functions/manifests/routes";
import { repoPath } from "../lib/paths";
import { webBuildCommand } from "../lib/web-build";
import { ASSET_CACHE_CONTROL, ASSETS_PATH, PAGE_CACHE_CONTROL, securityHeaders } from "../lib/web-security";

export const WEB_DIST = repoPath("web", "dist");
const WEB_SOURCES = [
  repoPath("web", "src"),
  repoPath("web", "index.html"),
  repoPath("web", "vite.config.ts"),
];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

type Rewrite = (event: { request: { uri: string } }) => { uri: string };

let rewrite: Rewrite | undefined;
async function appRewrite(): Promise<Rewrite> {
  // The CloudFront Function's own code, run as is.
  rewrite ??= new Function(
    `${await readFile(repoPath("lib", "edge", "app-rewrite.js"), "utf8")}; return handler;`,
  )() as Rewrite;
  return rewrite;
}

/** Handles GET/HEAD of the app's paths; answers false for the API's, /_local's and other methods. */
export function webApp(opts: { distDir?: string; uploadOrigins?: readonly string[] } = {}) {
  // CloudFront's response headers policy, here as in AWS (HSTS aside: this is plain HTTP).
  const headers = securityHeaders({ uploads: opts.uploadOrigins ?? [] }, false);
  const dist = resolve(opts.distDir ?? WEB_DIST);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "/").split("?")[0] || "/";
    if ((req.method !== "GET" && req.method !== "HEAD") || isApiPath(path) || path.startsWith("/_local/"))
      return false;
    if (path === "/config.json") {
      res.writeHead(200, { "content-type": "application/json", "cache-control": PAGE_CACHE_CONTROL });
      res.end(JSON.stringify({ signIn: { kind: "demo" } }));
      return true;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return notFound(res); // a malformed %-escape names no file
    }
    const { uri } = (await appRewrite())({ request: { uri: decoded } });
    const file = normalize(join(dist, uri));
    if (!file.startsWith(`${dist}${sep}`)) return notFound(res);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return notFound(res);
    res.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": info.size,
      "cache-control": uri.startsWith(ASSETS_PATH) ? ASSET_CACHE_CONTROL : PAGE_CACHE_CONTROL,
      ...headers,
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
    return true;
  };
}

function notFound(res: ServerResponse): true {
  res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
  res.end("Not found");
  return true;
}

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestMtime(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** Builds web/dist when a source is newer than it; returns what it did, for the start-up lines. */
export async function ensureWebBuild(): Promise<string> {
  const lock = repoPath("web", ".build-lock");
  const sources = async () => Math.max(...(await Promise.all(WEB_SOURCES.map(newestMtime))));
  const stale = async () => (await newestMtime(join(WEB_DIST, "index.html"))) < (await sources());
  if (!(await stale())) return "up to date";
  // One builder at a time (several `npm start`s of the e2e tests may start together).
  for (let waited = 0; ; waited += 200) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (waited > 60_000) await rm(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (!(await stale())) return "up to date";
    const started = performance.now();
    const { command, args, cwd } = webBuildCommand();
    const code = await new Promise<number | null>((done, failed) => {
      const child = spawn(command, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
      child.once("error", failed);
      child.once("exit", done);
    });
    if (code !== 0) throw new Error(`vite build exited with code ${code}`);
    return `built in ${Math.round(performance.now() - started)} ms`;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
