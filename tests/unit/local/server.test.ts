import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteSpec } from "../../../functions/shared/routes";
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

  it("answers an unknown route with 404 in the error shape", async () => {
    const response = await call("/nowhere");
    expect(response.status).toBe(404);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      error: "route_not_found",
      message: "No route for GET /nowhere",
      details: [],
      requestId: expect.any(String),
    });
  });

  it("refuses a body over 10 MB with 413", async () => {
    const response = await call("/echo", { method: "POST", body: Buffer.alloc(10 * 1024 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe("payload_too_large");
  });

  it("turns a handler crash into a 500 that hides the cause, and logs the cause", async () => {
    const response = await call("/crash");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: "internal_error", details: [] });
    expect(text).not.toContain("secret");
    expect(logLines.join("\n")).toContain("secret internal detail");
  });

  it("answers 500 when a route's handler file does not exist", async () => {
    const response = await call("/missing");
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: string }).error).toBe("internal_error");
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
  it("refuse a request without a token", async () => {
    const response = await call("/staff/echo");
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe("unauthorized");
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
