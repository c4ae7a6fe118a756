/**
 * The local API Gateway: a node:http server that serves ROUTES with the very handler modules that
 * run in Lambda (functions/http/<handler>.ts), through payload-2.0 events built like AWS builds
 * them, with the JWT check of the API Gateway authorizer on staff routes.
 *
 * Handlers read their configuration from process.env once per cold start, so the environment is
 * set before the first handler module is imported, and each module is imported once (lazily, on
 * its first request: one "cold start" per handler, as with one warm Lambda per function).
 * process.env is global: run one local server per process.
 */

import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { APIGatewayProxyResultV2, Context } from "aws-lambda";
import * as z from "../functions/domain/zod";
import { CORS_POLICY, type CorsPolicy } from "../functions/manifests/cors";
import { accessByHandler } from "../functions/manifests/grants";
import { DEFAULT_ROUTE_PATH, ROUTES, type RouteAccess, type RouteSpec } from "../functions/manifests/routes";
import { type Container, runWithContainer } from "../functions/shared/container";
import { within } from "../functions/shared/time-limit";
import { repoPath } from "../lib/paths";
import {
  createLambdaContext,
  createRouteMatcher,
  errorResult,
  gatewayResult,
  type LocalApiGatewayEvent,
  type LocalHttpRequest,
  MAX_BODY_BYTES,
  stringifyClaims,
  toApiGatewayEvent,
  writeApiGatewayResult,
} from "./api-gateway-event";
import { openStaffTokens, STAFF_ROLES, type StaffTokens } from "./staff-tokens";

export interface LocalServerOptions {
  /** 0 picks a free port (see the returned url). */
  readonly port: number;
  /** Only loopback: this server has no TLS and issues tokens to anyone who asks. @default "127.0.0.1" */
  readonly host?: "127.0.0.1";
  /** Set in process.env before any handler is imported (TABLE_NAME, STAGE, AWS_ENDPOINT_URL_DYNAMODB, …). */
  readonly env: Record<string, string>;
  /** Holds the staff-token signing key (jwt-key.json). */
  readonly dataDir: string;
  /** @default ROUTES */
  readonly routes?: readonly RouteSpec[];
  /** Directory of the handler modules. @default functions/http of this repository */
  readonly handlersDir?: string;
  /** One line per request and handler crash details. @default console.log */
  readonly log?: (line: string) => void;
  /**
   * Further local-only helpers under /_local (clock, schedules, queues): asked first for every
   * /_local path; `undefined` means "not mine". Never in ROUTES, so never deployed.
   */
  readonly localRoutes?: LocalRoutes;
  /** Raw handlers tried first (e.g. the presigned-upload gateway): true when one answered. */
  readonly rawRoutes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** Browser origins allowed by CORS, as in the stage file (api.corsAllowedOrigins). @default none */
  readonly corsAllowedOrigins?: readonly string[];
  /** The HTTP functions' Lambda timeout (stage lambda.timeoutSeconds). @default 10 */
  readonly functionTimeoutSeconds?: number;
  /**
   * The stage's API throttling (token bucket: `rateLimit` requests a second, bursts up to
   * `burstLimit`), answered as API Gateway does: 429 `{"message":"Too Many Requests"}`.
   * @default none (local scripts and tests may fire faster than a deployed stage allows)
   */
  readonly throttling?: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * The container a handler's invocation runs with (its grants only: local/grants.ts).
   * @default the process-wide container
   */
  readonly containerFor?: (handler: string, access: RouteAccess) => () => Container;
}

export interface LocalRouteRequest {
  readonly method: string;
  /** Without the query string. */
  readonly path: string;
  readonly body: Buffer;
  readonly requestId: string;
}

export type LocalRoutes = (request: LocalRouteRequest) => Promise<APIGatewayProxyResultV2 | undefined>;

export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly tokens: StaffTokens;
  close(): Promise<void>;
}

type Handler = (event: LocalApiGatewayEvent, context: Context) => Promise<APIGatewayProxyResultV2>;

export async function startLocalServer(opts: LocalServerOptions): Promise<LocalServer> {
  Object.assign(process.env, opts.env);
  const log = opts.log ?? ((line: string) => console.log(line));
  const tokens = await openStaffTokens(opts.dataDir);
  const routes = opts.routes ?? ROUTES;
  const matchRoute = createRouteMatcher(routes);
  const defaultRoute = routes.find((route) => route.path === DEFAULT_ROUTE_PATH);
  const grants = accessByHandler(routes);
  const functionTimeoutMs = (opts.functionTimeoutSeconds ?? 10) * 1000;
  const throttle = opts.throttling && tokenBucket(opts.throttling.rateLimit, opts.throttling.burstLimit);
  const loadHandler = handlerLoader<Handler>(opts.handlersDir ?? repoPath("functions", "http"));

  /** What API Gateway would answer: its own errors, the local helpers, or the handler's result. */
  async function respond(req: IncomingMessage, requestId: string): Promise<APIGatewayProxyResultV2> {
    const method = req.method ?? "GET";
    const path = pathOf(req);
    const body = await readBody(req);
    if (body === "too_large") return gatewayResult(413, { connection: "close" });
    if (!path.startsWith("/_local/") && throttle && !throttle.take()) return gatewayResult(429);
    const cors = corsHeaders(opts.corsAllowedOrigins ?? [], req.headers);
    if (method === "OPTIONS" && cors.preflight) return cors.preflight;
    if (method === "POST" && path === "/_local/token") return issueToken(tokens, body, requestId);
    if (path.startsWith("/_local/") && opts.localRoutes) {
      const answer = await opts.localRoutes({ method, path, body, requestId });
      if (answer) return answer;
    }

    // As API Gateway: the most specific route, else the $default route.
    const match = matchRoute(method, path) ?? (defaultRoute && { route: defaultRoute, pathParameters: {} });
    if (!match) return gatewayResult(404); // no $default route: the gateway's own 404

    let claims: Record<string, string> | undefined;
    if (match.route.auth === "staff") {
      claims = await verifyBearer(tokens, req.headers.authorization);
      // The JWT authorizer's own answer: the function never runs.
      if (!claims) return gatewayResult(401, { "www-authenticate": 'Bearer error="invalid_token"' });
    }

    const request: LocalHttpRequest = {
      method,
      url: req.url ?? "/",
      rawHeaders: req.rawHeaders,
      body,
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1",
    };
    const event = toApiGatewayEvent(request, match, { requestId, ...(claims ? { claims } : {}) });
    const handler = await loadHandler(match.route.handler);
    const context = createLambdaContext(match.route.handler, requestId, functionTimeoutMs);
    const access = grants.get(match.route.handler) ?? {};
    const invocation = opts.containerFor
      ? runWithContainer(opts.containerFor(match.route.handler, access), () => handler(event, context))
      : handler(event, context);
    // Lambda stops a function at its timeout, and API Gateway then answers a bare 500.
    const result = await within(invocation, functionTimeoutMs, () => gatewayResult(500));
    return withCors(result, cors.headers);
  }

  const server = createServer(async (req, res) => {
    const started = performance.now();
    const requestId = randomUUID();
    let status: number;
    try {
      if (opts.rawRoutes && (await opts.rawRoutes(req, res))) {
        log(`${req.method} ${pathOf(req)} ${res.statusCode} ${Math.round(performance.now() - started)}ms`);
        return;
      }
      status = writeApiGatewayResult(res, await respond(req, requestId), requestId);
    } catch (error) {
      // The client learns only that it failed and the id to quote; the detail stays in this log.
      log(
        `[${requestId}] request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (res.headersSent) {
        res.destroy();
        status = 500;
      } else {
        // Drop whatever a half-written result had set (e.g. an invalid header made setHeader throw).
        // A function that throws or times out is API Gateway's bare 500 in AWS: the same here.
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        status = writeApiGatewayResult(res, gatewayResult(500), requestId);
      }
    }
    log(`${req.method} ${pathOf(req)} ${status} ${Math.round(performance.now() - started)}ms`);
  });

  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((listening, failed) => {
    server.once("error", failed);
    server.listen(opts.port, host, () => {
      server.off("error", failed);
      listening();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    port,
    tokens,
    close: () =>
      new Promise<void>((closed, failed) => {
        server.close((error) => (error ? failed(error) : closed()));
        // Keep-alive connections would otherwise hold close() open for seconds.
        server.closeAllConnections();
      }),
  };
}

/** Raw routes tried in order: the first that answers (true) wins. */
export function firstOf(
  ...routes: ((req: IncomingMessage, res: ServerResponse) => Promise<boolean>)[]
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    for (const route of routes) if (await route(req, res)) return true;
    return false;
  };
}

/** API Gateway's stage throttling: a bucket of `burst` tokens refilled at `rate` a second. */
export function tokenBucket(rate: number, burst: number, now: () => number = () => performance.now()) {
  let tokens = burst;
  let last = now();
  return {
    take(): boolean {
      const at = now();
      tokens = Math.min(burst, tokens + ((at - last) / 1000) * rate);
      last = at;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

/**
 * API Gateway's CORS handling for an HTTP API with `corsPreflight` (CORS_POLICY): it answers every
 * preflight (OPTIONS with Origin and Access-Control-Request-Method) itself with 204, carrying the
 * configured allow-* headers when the origin is allowed and none otherwise (the browser then
 * refuses); other responses to an allowed origin get allow-origin and expose-headers. `policy`: the
 * API's by default, or the files bucket's (the local upload gateway).
 */
export function corsHeaders(
  allowedOrigins: readonly string[],
  headers: IncomingMessage["headers"],
  policy: CorsPolicy = CORS_POLICY,
): { headers: Record<string, string>; preflight?: APIGatewayProxyResultV2 } {
  if (allowedOrigins.length === 0) return { headers: {} };
  const origin = headers.origin;
  const allowed = origin !== undefined && (allowedOrigins.includes(origin) || allowedOrigins.includes("*"));
  const common: Record<string, string> = allowed
    ? { "access-control-allow-origin": allowedOrigins.includes("*") ? "*" : origin, vary: "origin" }
    : {};
  const preflight = origin !== undefined && headers["access-control-request-method"] !== undefined;
  if (!preflight) {
    return {
      headers: allowed ? { ...common, "access-control-expose-headers": policy.exposeHeaders.join(",") } : {},
    };
  }
  return {
    headers: common,
    preflight: {
      statusCode: 204,
      headers: allowed
        ? {
            ...common,
            "access-control-allow-methods": policy.allowMethods.join(","),
            "access-control-allow-headers": policy.allowHeaders.join(","),
            "access-control-max-age": String(policy.maxAgeSeconds),
          }
        : {},
      body: "",
    },
  };
}

function withCors(result: APIGatewayProxyResultV2, cors: Record<string, string>): APIGatewayProxyResultV2 {
  if (Object.keys(cors).length === 0) return result;
  if (typeof result !== "object" || result === null || !("statusCode" in result)) return result;
  return { ...result, headers: { ...result.headers, ...cors } };
}

/** The path without the query string, which may carry secrets and is not logged. */
function pathOf(req: IncomingMessage): string {
  return (req.url ?? "/").split("?")[0] || "/";
}

/**
 * Imports each handler module of a directory once (one warm Lambda per function); a failed import
 * is retried on the next call. Shared by the HTTP routes and the background jobs.
 */
export function handlerLoader<H extends (...args: never[]) => unknown>(handlersDir: string) {
  const modules = new Map<string, Promise<H>>();
  return (name: string): Promise<H> => {
    let loading = modules.get(name);
    if (!loading) {
      const file = join(handlersDir, `${name}.ts`);
      loading = import(pathToFileURL(file).href).then((module: { handler?: unknown }) => {
        if (typeof module.handler !== "function")
          throw new Error(`${file} does not export a function 'handler'`);
        return module.handler as H;
      });
      loading.catch(() => modules.delete(name));
      modules.set(name, loading);
    }
    return loading;
  };
}

/**
 * The whole body, or "too_large" past `limit` (API Gateway's by default); the rest is drained, not
 * kept. Also the upload gateway's (s3-upload-gateway.ts), with its own limit.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | "too_large"> {
  return new Promise((done, failed) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once("end", () => done(size > limit ? "too_large" : Buffer.concat(chunks)));
    req.once("error", failed);
  });
}

/** As the API Gateway JWT authorizer: the token with or without the "Bearer " prefix. */
async function verifyBearer(tokens: StaffTokens, header: string | undefined) {
  const token = header?.replace(/^Bearer\s+/i, "").trim();
  if (!token) return undefined;
  try {
    return stringifyClaims(await tokens.verifyStaffToken(token));
  } catch {
    return undefined;
  }
}

const TokenRequestSchema = z.object({
  role: z.enum(STAFF_ROLES),
  agencyId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "an agency id such as kab-blora")),
  sub: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  ttlSeconds: z.optional(z.int().check(z.gte(60), z.lte(7 * 24 * 3600))),
});

/** POST /_local/token {role, agencyId, sub?, ttlSeconds?} → {token}: a local-only helper. */
async function issueToken(tokens: StaffTokens, body: Buffer, requestId: string) {
  let input: unknown;
  try {
    input = JSON.parse(body.toString("utf8") || "null");
  } catch {
    return errorResult(400, "invalid_input", "The body is not valid JSON", requestId, [
      { field: "body", message: "not valid JSON" },
    ]);
  }
  const parsed = TokenRequestSchema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => ({
      field: issue.path.join(".") || "body",
      message: issue.message,
    }));
    return errorResult(400, "invalid_input", "Invalid token request", requestId, details);
  }
  const token = await tokens.issueStaffToken(parsed.data);
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token }),
  };
}
