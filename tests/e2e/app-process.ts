/**
 * Runs the real `npm start` entry point (`tsx local/start.ts`) as a child process with its own
 * data directory and port, for end-to-end tests over HTTP.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { REPO_ROOT } from "../../lib/paths";
import { findFreePort } from "../../local/free-port";
import { assertContract } from "../setup/openapi-contract";

/** Processes whose command line mentions `text` (Linux /proc); [] where /proc does not exist. */
export function processesMentioning(text: string): string[] {
  if (!existsSync("/proc/self/cmdline")) return [];
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
        return cmdline.includes(text) ? [`${pid}: ${cmdline}`] : [];
      } catch {
        return []; // exited while we looked
      }
    });
}

/** Whether anything still accepts connections at the endpoint (i.e. the JVM is still there). */
export function isListening(endpoint: string): Promise<boolean> {
  const { hostname, port } = new URL(endpoint);
  return new Promise((done) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
  });
}

export const START_TIMEOUT_MS = 90_000;

export interface RunningApp {
  readonly child: ChildProcess;
  readonly url: string;
  readonly dynamoEndpoint: string;
  /** The local S3 server (s3rver), as the startup banner says. */
  readonly s3Endpoint: string;
  /** The local SES emulator (its web inbox; JSON at /store), as the startup banner says. */
  readonly sesEndpoint: string;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/**
 * Runs `local/start.ts` (the `npm start` script) and waits for its ready line. Node runs it with
 * tsx's loader (`node --import tsx`) rather than under the `tsx` command: that command relays a
 * signal to its child and, if the child does not acknowledge it within about 60 ms (a loaded machine
 * running browsers), SIGKILLs it and exits 130 — which would fail "Ctrl-C stops cleanly" for the
 * wrapper's sake, not the server's. A terminal's Ctrl-C reaches both processes anyway.
 */
export async function startApp(dataDir: string, extraEnv: Record<string, string> = {}): Promise<RunningApp> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ["--import", "tsx", "local/start.ts"], {
    cwd: REPO_ROOT,
    env: { ...process.env, ADUAN_DATA_DIR: dataDir, PORT: String(port), ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so that crash() can kill the whole tree (node, the JVM) at once.
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const ready = /ready at (http:\/\/\S+)/.exec(output);
    const dynamo = /DynamoDB Local (http:\/\/\S+)/.exec(output);
    const s3 = /S3 \(s3rver\)\s+(http:\/\/\S+)/.exec(output);
    const ses = /E-mail inbox\s+(http:\/\/[^/\s]+)/.exec(output);
    if (ready?.[1] && dynamo?.[1] && s3?.[1] && ses?.[1]) {
      return {
        child,
        url: ready[1],
        dynamoEndpoint: dynamo[1],
        s3Endpoint: s3[1],
        sesEndpoint: ses[1],
        output: () => output,
        exited,
      };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`npm start did not become ready (exit ${child.exitCode}):\n${output}`);
    }
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

/**
 * One `npm start` for a test file: a fresh data directory, started before the file's tests and
 * stopped (data removed) after them; `restart()` stops it with Ctrl-C and starts it again on the
 * same data, returning the exit code of the stop.
 */
export function useApp(prefix: string, env: Record<string, string> = {}) {
  let dataDir = "";
  let app: RunningApp | undefined;
  const running = (): RunningApp => {
    if (!app) throw new Error("the app runs only inside the file's tests");
    return app;
  };
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), prefix));
    app = await startApp(dataDir, env);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    if (app) await stopApp(app);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 30_000);
  return {
    app: running,
    dataDir: () => dataDir,
    async restart(): Promise<number | null> {
      const code = await stopApp(running());
      app = await startApp(dataDir, env);
      return code;
    },
    /** Kills the whole process tree at once (SIGKILL: no shutdown at all), then starts it again. */
    async crashAndRestart(): Promise<void> {
      const crashed = running();
      if (crashed.child.pid !== undefined) process.kill(-crashed.child.pid, "SIGKILL");
      await crashed.exited;
      app = await startApp(dataDir, env);
    },
  };
}

/** Stops the app with Ctrl-C (SIGINT) and waits for it to exit; returns the exit code. */
export async function stopApp(app: RunningApp): Promise<number | null> {
  if (app.child.exitCode === null) app.child.kill("SIGINT");
  return app.exited;
}

export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: JSON read back in tests, asserted field by field
  readonly body: Record<string, any>;
}

export interface RequestOptions {
  readonly token?: string;
  readonly access?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/**
 * A small HTTP client for the running app: JSON in and out, a staff bearer token or a reporter's
 * access token, and local staff tokens issued once per role and agency.
 */
export function apiClient(baseUrl: () => string) {
  const tokens = new Map<string, string>();
  async function http(method: string, path: string, options: RequestOptions = {}): Promise<JsonResponse> {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined && { "content-type": "application/json" }),
        ...(options.token && { authorization: `Bearer ${options.token}` }),
        ...(options.access && { "x-access-token": options.access }),
        ...options.headers,
      },
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    const contentType = response.headers.get("content-type") ?? "";
    const json = contentType.includes("json");
    const body = json && text ? JSON.parse(text) : { text };
    // Every answer of the API is held to the OpenAPI document it serves (local helpers are not in it).
    const bare = path.split("?")[0] ?? path;
    if (!bare.startsWith("/_local/") && !bare.startsWith("/docs")) {
      assertContract({
        method,
        path: bare,
        status: response.status,
        headers: Object.fromEntries(response.headers),
        contentType,
        body: json && text ? body : text,
      });
    }
    return { status: response.status, headers: response.headers, body };
  }
  /** A staff token; `sub` tells two staff members of the same role and agency apart. */
  async function staffToken(role: string, agencyId: string, sub?: string): Promise<string> {
    const key = `${role}@${agencyId}${sub ? `#${sub}` : ""}`;
    const cached = tokens.get(key);
    if (cached) return cached;
    const { status, body } = await http("POST", "/_local/token", {
      body: { role, agencyId, ...(sub && { sub }) },
    });
    if (status !== 200) throw new Error(`no local token for ${key}: ${status} ${JSON.stringify(body)}`);
    tokens.set(key, body.token);
    return body.token;
  }
  return { http, staffToken };
}
