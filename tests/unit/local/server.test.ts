import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteSpec } from "../../../functions/manifests/routes";
import { type LocalServer, startLocalServer } from "../../../local/server";

// The local server against fixture handlers: what API Gateway does around a handler, not the
// handlers themselves (those are covered by tests/e2e against `npm start`).
const handlersDir = fileURLToPath(new URL("./fixtures/handlers", import.meta.url));
const routes: RouteSpec[] = [
  { method: "GET", path: "/echo/{id}", handler: "echo", auth: "public", access: {} },
  { method: "POST", path: "/echo", handler: "echo", auth: "public", access: {} },
  { method: "GET", path: "/staff/echo", handler: "echo", auth: "staff", access: {} },
  { method: "GET", path: "/crash", handler: "crash", auth: "public", access: {} },
  { method: "GET", path: "/missing", handler: "no-such-handler", auth: "public", access: {} },
  { method: "GET", path: "/binary", handler: "binary", auth: "public", access: {} },
  { method: "GET", path: "/plain", handler: "plain-object", auth: "public", access: {} },
];

let server: LocalServer;
let dataDir: string;
const logLines: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "aduan-server-test-"));
  server = await startLocalServer({
    port: 0,
    env: { TABLE_NAME: "fixture-table" },
    dataDir,
    routes,
    handlersDir,
    log: (line) => logLines.push(line),
  });
});

afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const call = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

async function tokenFor(role: string, agencyId: string): Promise<string> {
  const response = await call("/_local/token", { method: "POST", body: JSON.stringify({ role, agencyId }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

describe("local server", () => {
  it("binds to 127.0.0.1", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("serves a handler with the event, env set before import, headers and cookies", async () => {
    const response = await call("/echo/AB%20C?x=1");
    expect(response.status).toBe(200);
    expect(response.headers.get("x-answered-by")).toBe("echo");
    expect(response.headers.get("set-cookie")).toBe("seen=1; Path=/");
    const body = (await response.json()) as {
      event: APIGatewayProxyEventV2WithJWTAuthorizer;
      tableNameAtColdStart: string;
    };
    expect(body.tableNameAtColdStart).toBe("fixture-table");
    expect(body.event.pathParameters).toEqual({ id: "AB C" });
    expect(body.event.queryStringParameters).toEqual({ x: "1" });
    expect(body.event.requestContext.requestId).toBe(response.headers.get("apigw-requestid"));
    expect(body.event.requestContext).not.toHaveProperty("authorizer");
  });

  it("passes a JSON body through as text", async () => {
    const response = await call("/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"title":"Jalan rusak"}',
    });
    const { event } = (await response.json()) as { event: APIGatewayProxyEventV2WithJWTAuthorizer };
    expect(event.body).toBe('{"title":"Jalan rusak"}');
    expect(event.isBase64Encoded).toBe(false);
  });

  it("answers an unknown route, when there is no $default route, with API Gateway's own 404", async () => {
    const response = await call("/nowhere");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: "Not Found" });
  });

  it("refuses a body over 10 MB with API Gateway's 413", async () => {
    const response = await call("/echo", { method: "POST", body: Buffer.alloc(10 * 1024 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: "Request Entity Too Large" });
  });

  it("turns a handler crash into API Gateway's bare 500, and logs the cause", async () => {
    const response = await call("/crash");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ message: "Internal Server Error" });
    expect(text).not.toContain("secret");
    expect(logLines.join("\n")).toContain("secret internal detail");
  });

  it("answers API Gateway's 500 when a route's handler file does not exist", async () => {
    const response = await call("/missing");
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: "Internal Server Error" });
  });

  it("decodes a base64 result into bytes", async () => {
    const response = await call("/binary");
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]),
    );
  });

  it("sends a result without statusCode as 200 JSON", async () => {
    const response = await call("/plain");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("logs one line per request", () => {
    expect(logLines).toContainEqual(expect.stringMatching(/^GET \/nowhere 404 \d+ms$/));
  });
});

describe("staff routes", () => {
  it("refuse a request without a token with the JWT authorizer's own 401", async () => {
    const response = await call("/staff/echo");
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "Unauthorized" });
  });

  it("refuse a forged token", async () => {
    const token = await tokenFor("agency_admin", "kab-blora");
    const [header, payload] = token.split(".");
    const forged = `${header}.${payload}.${"A".repeat(342)}`;
    const response = await call("/staff/echo", { headers: { authorization: `Bearer ${forged}` } });
    expect(response.status).toBe(401);
  });

  it("pass the claims stringified as the API Gateway JWT authorizer does", async () => {
    const token = await tokenFor("agency_admin", "kab-blora");
    const response = await call("/staff/echo", { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const { event } = (await response.json()) as { event: APIGatewayProxyEventV2WithJWTAuthorizer };
    const { claims, scopes } = event.requestContext.authorizer.jwt;
    expect(claims).toMatchObject({
      "cognito:groups": "[agency_admin]",
      "custom:agency_id": "kab-blora",
      token_use: "id",
      aud: "aduan-local",
    });
    expect(claims.exp).toMatch(/^\d+$/);
    expect(scopes).toBeNull();
  });
});

describe("POST /_local/token", () => {
  it("rejects an unknown role and a malformed agency id, naming each field", async () => {
    const response = await call("/_local/token", {
      method: "POST",
      body: JSON.stringify({ role: "mayor", agencyId: "Kab Blora" }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; details: { field: string }[] };
    expect(body.error).toBe("invalid_input");
    expect(body.details.map((detail) => detail.field).sort()).toEqual(["agencyId", "role"]);
  });

  it("rejects a body that is not JSON", async () => {
    const response = await call("/_local/token", { method: "POST", body: "role=unit_admin" });
    expect(response.status).toBe(400);
  });
});

describe("the $default route", () => {
  let withDefault: LocalServer;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "aduan-server-default-"));
    withDefault = await startLocalServer({
      port: 0,
      env: {},
      dataDir: dir,
      routes: [...routes, { method: "ANY", path: "$default", handler: "echo", auth: "public", access: {} }],
      handlersDir,
      log: () => {},
      corsAllowedOrigins: ["http://localhost:3000"],
    });
  });
  afterAll(async () => {
    await withDefault?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("receives every request no other route matches, as in AWS", async () => {
    const response = await fetch(`${withDefault.url}/nowhere`, { method: "DELETE" });
    expect(response.status).toBe(200);
    const { event } = (await response.json()) as { event: APIGatewayProxyEventV2WithJWTAuthorizer };
    expect(event.routeKey).toBe("$default");
    expect(event.requestContext.http.method).toBe("DELETE");
  });

  it("answers a CORS preflight itself as API Gateway's corsPreflight does", async () => {
    const preflight = await fetch(`${withDefault.url}/echo`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-access-token, idempotency-key",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    const allowed = preflight.headers.get("access-control-allow-headers")?.split(",") ?? [];
    expect(allowed).toEqual(expect.arrayContaining(["x-access-token", "idempotency-key", "content-type"]));
    const stranger = await fetch(`${withDefault.url}/echo`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(stranger.status).toBe(204);
    expect(stranger.headers.get("access-control-allow-origin")).toBeNull();
    const simple = await fetch(`${withDefault.url}/echo/1`, { headers: { origin: "http://localhost:3000" } });
    expect(simple.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(simple.headers.get("access-control-expose-headers")).toContain("x-request-id");
  });
});

describe("throttling, when asked for", () => {
  it("refills a bucket of burst tokens at the stage's rate", async () => {
    const { tokenBucket } = await import("../../../local/server");
    let t = 0;
    const bucket = tokenBucket(2, 3, () => t);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    t += 500; // half a second at 2 a second: one token
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
  });

  it("answers over the limit with API Gateway's own 429", async () => {
    const dir = await mkdtemp(join(tmpdir(), "aduan-server-throttle-"));
    const throttled = await startLocalServer({
      port: 0,
      env: {},
      dataDir: dir,
      routes,
      handlersDir,
      log: () => {},
      throttling: { rateLimit: 0.01, burstLimit: 2 },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${throttled.url}/plain`)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const over = await fetch(`${throttled.url}/plain`);
      expect(await over.json()).toEqual({ message: "Too Many Requests" });
    } finally {
      await throttled.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
