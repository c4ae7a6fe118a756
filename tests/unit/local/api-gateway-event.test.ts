import { describe, expect, it } from "vitest";
import type { RouteSpec } from "../../../functions/manifests/routes";
import {
  createLambdaContext,
  createRouteMatcher,
  formatRequestTime,
  type LocalHttpRequest,
  stringifyClaims,
  toApiGatewayEvent,
} from "../../../local/api-gateway-event";

const route = (method: RouteSpec["method"], path: string, handler = "h"): RouteSpec => ({
  method,
  path,
  handler,
  auth: "public",
  access: {},
});

describe("createRouteMatcher", () => {
  const match = createRouteMatcher([
    route("GET", "/v1/reports/{trackingId}", "get-report"),
    route("GET", "/v1/reports/export", "export-reports"),
    route("POST", "/v1/reports", "submit-report"),
    route("GET", "/docs/{file}", "get-docs"),
    route("GET", "/files/{path+}", "get-file"),
    route("GET", "/files/special/{name}", "get-special"),
  ]);

  it("matches a literal route and captures nothing", () => {
    const found = match("POST", "/v1/reports");
    expect(found?.route.handler).toBe("submit-report");
    expect(found?.pathParameters).toEqual({});
  });

  it("captures and URL-decodes a path parameter", () => {
    expect(match("GET", "/v1/reports/AB%2012")?.pathParameters).toEqual({ trackingId: "AB 12" });
  });

  it("prefers a literal segment over a parameter, whatever the declaration order", () => {
    expect(match("GET", "/v1/reports/export")?.route.handler).toBe("export-reports");
  });

  it("prefers a parameter over a greedy parameter", () => {
    expect(match("GET", "/files/special/x")?.route.handler).toBe("get-special");
  });

  it("lets a greedy parameter take one or more segments", () => {
    expect(match("GET", "/files/a/b/c.pdf")?.pathParameters).toEqual({ path: "a/b/c.pdf" });
    expect(match("GET", "/files/a")?.pathParameters).toEqual({ path: "a" });
    expect(match("GET", "/files/")).toBeUndefined();
    expect(match("GET", "/files")).toBeUndefined();
  });

  it("requires the method to match", () => {
    expect(match("DELETE", "/v1/reports")).toBeUndefined();
    expect(match("get", "/docs/x.css")?.route.handler).toBe("get-docs");
  });

  it("does not match extra, missing or empty segments", () => {
    expect(match("GET", "/v1/reports/ABC/extra")).toBeUndefined();
    expect(match("GET", "/v1/reports/")).toBeUndefined();
    expect(match("GET", "/v1")).toBeUndefined();
  });

  it("rejects a greedy parameter that is not last", () => {
    expect(() => createRouteMatcher([route("GET", "/a/{rest+}/b")])).toThrow(/last segment/);
  });
});

describe("toApiGatewayEvent", () => {
  const now = new Date("2026-03-12T19:03:58.123Z");
  const getReport = route("GET", "/v1/reports/{trackingId}", "get-report");
  const request = (overrides: Partial<LocalHttpRequest> = {}): LocalHttpRequest => ({
    method: "GET",
    url: "/v1/reports/ABCDE?lang=id&tag=a&tag=b",
    rawHeaders: ["Host", "localhost:3000", "User-Agent", "curl/8", "X-Dup", "one", "x-dup", "two"],
    body: Buffer.alloc(0),
    sourceIp: "127.0.0.1",
    ...overrides,
  });
  const build = (overrides: Partial<LocalHttpRequest> = {}, claims?: Record<string, string>) =>
    toApiGatewayEvent(
      request(overrides),
      { route: getReport, pathParameters: { trackingId: "ABCDE" } },
      {
        requestId: "req-1",
        now,
        ...(claims ? { claims } : {}),
      },
    );

  it("has the payload 2.0 envelope", () => {
    const event = build();
    expect(event.version).toBe("2.0");
    expect(event.routeKey).toBe("GET /v1/reports/{trackingId}");
    expect(event.rawPath).toBe("/v1/reports/ABCDE");
    expect(event.rawQueryString).toBe("lang=id&tag=a&tag=b");
    expect(event.pathParameters).toEqual({ trackingId: "ABCDE" });
    expect(event.queryStringParameters).toEqual({ lang: "id", tag: "a,b" });
    expect(event.isBase64Encoded).toBe(false);
    expect(event).not.toHaveProperty("body");
    expect(event).not.toHaveProperty("cookies");
  });

  it("lower-cases header names and comma-joins duplicates", () => {
    const { headers } = build();
    expect(headers.host).toBe("localhost:3000");
    expect(headers["user-agent"]).toBe("curl/8");
    expect(headers["x-dup"]).toBe("one,two");
    expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(headers["x-forwarded-port"]).toBe("3000");
  });

  it("moves cookies out of the headers into `cookies`", () => {
    const event = build({ rawHeaders: ["Cookie", "a=1; b=2", "cookie", "c=3"] });
    expect(event.cookies).toEqual(["a=1", "b=2", "c=3"]);
    expect(event.headers).not.toHaveProperty("cookie");
  });

  it("fills requestContext like API Gateway's $default stage", () => {
    const { requestContext } = build();
    expect(requestContext).toMatchObject({
      requestId: "req-1",
      routeKey: "GET /v1/reports/{trackingId}",
      stage: "$default",
      domainName: "localhost:3000",
      domainPrefix: "localhost",
      time: "12/Mar/2026:19:03:58 +0000",
      timeEpoch: now.getTime(),
      http: {
        method: "GET",
        path: "/v1/reports/ABCDE",
        protocol: "HTTP/1.1",
        sourceIp: "127.0.0.1",
        userAgent: "curl/8",
      },
    });
    expect(requestContext).not.toHaveProperty("authorizer");
  });

  it("omits query and path parameters when there are none", () => {
    const event = toApiGatewayEvent(
      request({ url: "/v1/categories" }),
      { route: route("GET", "/v1/categories"), pathParameters: {} },
      { requestId: "r" },
    );
    expect(event).not.toHaveProperty("queryStringParameters");
    expect(event).not.toHaveProperty("pathParameters");
  });

  it("passes JSON and text bodies as UTF-8 text", () => {
    const json = build({
      rawHeaders: ["Content-Type", "application/json; charset=utf-8"],
      body: Buffer.from('{"a":"é"}'),
    });
    expect(json.body).toBe('{"a":"é"}');
    expect(json.isBase64Encoded).toBe(false);
    const text = build({ rawHeaders: ["Content-Type", "text/plain"], body: Buffer.from("hi") });
    expect(text.body).toBe("hi");
  });

  it("base64-encodes binary, form and untyped bodies, as measured in AWS", () => {
    for (const contentType of ["image/png", "application/x-www-form-urlencoded", undefined]) {
      const event = build({
        rawHeaders: contentType ? ["Content-Type", contentType] : [],
        body: Buffer.from([0xff, 0x00, 0x61]),
      });
      expect(event.isBase64Encoded).toBe(true);
      expect(Buffer.from(event.body ?? "", "base64")).toEqual(Buffer.from([0xff, 0x00, 0x61]));
    }
  });

  it("adds the JWT authorizer context only when claims are given", () => {
    const claims = { sub: "u1", "cognito:groups": "[agency_admin]" };
    expect(build({}, claims).requestContext.authorizer).toEqual({ jwt: { claims, scopes: null } });
  });
});

describe("stringifyClaims", () => {
  it("renders every value as a string the way API Gateway does", () => {
    expect(
      stringifyClaims({
        sub: "u1",
        "cognito:groups": ["agency_admin", "supervisor"],
        exp: 1773342238,
        email_verified: true,
        address: { locality: "Blora" },
        nothing: null,
      }),
    ).toEqual({
      sub: "u1",
      "cognito:groups": "[agency_admin supervisor]",
      exp: "1773342238",
      email_verified: "true",
      address: '{"locality":"Blora"}',
    });
  });
});

describe("createLambdaContext", () => {
  it("names the function after the handler and counts down the remaining time", () => {
    const context = createLambdaContext("submit-report", "req-9", 10_000);
    expect(context.functionName).toBe("submit-report");
    expect(context.awsRequestId).toBe("req-9");
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(9_000);
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(10_000);
  });
});

describe("formatRequestTime", () => {
  it("pads day and time fields", () => {
    expect(formatRequestTime(new Date("2026-01-02T03:04:05Z"))).toBe("02/Jan/2026:03:04:05 +0000");
  });
});
