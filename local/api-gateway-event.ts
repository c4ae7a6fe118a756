/**
 * What API Gateway (HTTP API, Lambda payload format 2.0) does between a client and a handler,
 * reproduced for the local server: route matching, the event, the Lambda context, and turning the
 * handler's result back into an HTTP response. Pure functions, so unit tests need no sockets.
 *
 * Reference: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 * Details not in the docs were taken from events captured in AWS (noted where they matter).
 */
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2WithRequestContext,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import { DEFAULT_ROUTE_PATH } from "../functions/manifests/routes";
import { json } from "../functions/shared/http";
import type { RouteMatch } from "../functions/shared/route-matcher";

export { createRouteMatcher, type RouteMatch } from "../functions/shared/route-matcher";

/** API Gateway refuses request bodies over 10 MB with 413. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** API Gateway gives up on an integration after 30 s; a handler sees slightly less. */
export const INTEGRATION_TIMEOUT_MS = 30_000;

// ---------------------------------------------------------------------------------------------
// Request → event

/** The parts of a Node request the event is built from (a plain object, for tests). */
export interface LocalHttpRequest {
  readonly method: string;
  /** Path and query exactly as received, e.g. `/v1/reports?status=submitted`. */
  readonly url: string;
  /** Node's `req.rawHeaders`: [name, value, name, value, …], original case, duplicates kept. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sourceIp: string;
}

export interface EventOptions {
  readonly requestId: string;
  /** Verified JWT claims as API Gateway passes them (see stringifyClaims); absent on public routes. */
  readonly claims?: Record<string, string>;
  /** @default new Date() */
  readonly now?: Date;
}

/**
 * An APIGatewayProxyEventV2 (assignable to it), with `requestContext.authorizer.jwt` present
 * exactly when the route is a staff route, as behind the API Gateway JWT authorizer.
 */
export type LocalApiGatewayEvent = APIGatewayProxyEventV2WithRequestContext<
  APIGatewayEventRequestContextV2 & { authorizer?: APIGatewayEventRequestContextJWTAuthorizer }
>;

// Measured in AWS: only these bodies arrive as text; everything else (including a missing
// content type and application/x-www-form-urlencoded) arrives base64-encoded.
const TEXT_CONTENT_TYPE = /^(text\/[^;\s]+|application\/(json|xml|javascript))\s*(;|$)/i;

export function toApiGatewayEvent(
  request: LocalHttpRequest,
  match: RouteMatch,
  options: EventOptions,
): LocalApiGatewayEvent {
  const now = options.now ?? new Date();
  const queryStart = request.url.indexOf("?");
  const rawPath = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? "" : request.url.slice(queryStart + 1);
  const routeKey =
    match.route.path === DEFAULT_ROUTE_PATH
      ? DEFAULT_ROUTE_PATH
      : `${match.route.method} ${match.route.path}`;
  const { headers, cookies } = collectHeaders(request.rawHeaders, request.sourceIp);
  const domainName = headers.host ?? "localhost";
  const isText = TEXT_CONTENT_TYPE.test(headers["content-type"] ?? "");
  const hasBody = request.body.length > 0;

  const requestContext: APIGatewayEventRequestContextV2 = {
    accountId: "000000000000",
    apiId: "local",
    domainName,
    domainPrefix: domainName.split(":")[0]?.split(".")[0] ?? "localhost",
    http: {
      method: request.method.toUpperCase(),
      path: rawPath,
      protocol: "HTTP/1.1",
      sourceIp: request.sourceIp,
      userAgent: headers["user-agent"] ?? "",
    },
    requestId: options.requestId,
    routeKey,
    stage: "$default",
    time: formatRequestTime(now),
    timeEpoch: now.getTime(),
  };

  return {
    version: "2.0",
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...optional("queryStringParameters", parseQuery(rawQueryString)),
    ...optional("pathParameters", match.pathParameters),
    requestContext: options.claims
      ? {
          ...requestContext,
          authorizer: { jwt: { claims: options.claims, scopes: scopesOf(options.claims) } },
        }
      : requestContext,
    ...(hasBody ? { body: isText ? request.body.toString("utf8") : request.body.toString("base64") } : {}),
    isBase64Encoded: hasBody && !isText,
  };
}

/**
 * Claims as the API Gateway JWT authorizer hands them to the function: every value a string;
 * numbers and booleans in decimal/`true`; arrays as `[a b c]` (brackets, space-separated, no
 * quotes), so `cognito:groups: ["agency_admin"]` arrives as `"[agency_admin]"`.
 */
export function stringifyClaims(payload: Record<string, unknown>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) claims[name] = `[${value.map(String).join(" ")}]`;
    else if (typeof value === "object") claims[name] = JSON.stringify(value);
    else claims[name] = String(value);
  }
  return claims;
}

/** ID tokens carry no `scope` claim, and API Gateway then passes `scopes: null`. */
function scopesOf(claims: Record<string, string>): string[] | null {
  return claims.scope ? claims.scope.split(" ").filter(Boolean) : null;
}

/** Lower-cased names, duplicates comma-joined; the cookie header moves to `cookies`. */
function collectHeaders(rawHeaders: readonly string[], sourceIp: string) {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const value = rawHeaders[i + 1] as string;
    if (name === "cookie") {
      cookies.push(
        ...value
          .split(";")
          .map((cookie) => cookie.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  // API Gateway adds these; handlers that build links or log the client rely on them.
  headers["x-forwarded-for"] = headers["x-forwarded-for"]
    ? `${headers["x-forwarded-for"]}, ${sourceIp}`
    : sourceIp;
  headers["x-forwarded-proto"] ??= "http";
  headers["x-forwarded-port"] ??= headers.host?.split(":")[1] ?? "80";
  return { headers, cookies };
}

function parseQuery(rawQueryString: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    params[name] = params[name] === undefined ? value : `${params[name]},${value}`;
  }
  return params;
}

/** API Gateway omits queryStringParameters / pathParameters entirely when there are none. */
function optional<K extends string>(key: K, values: Record<string, string>) {
  return Object.keys(values).length > 0 ? ({ [key]: values } as Record<K, Record<string, string>>) : {};
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `12/Mar/2020:19:03:58 +0000`, the format of requestContext.time. */
export function formatRequestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

// ---------------------------------------------------------------------------------------------
// Lambda context

export function createLambdaContext(
  functionName: string,
  requestId: string,
  timeoutMs = INTEGRATION_TIMEOUT_MS,
): Context {
  const deadline = Date.now() + timeoutMs;
  const unsupported = () => {
    throw new Error("Deprecated Lambda callbacks (done/fail/succeed) are not supported; return a result");
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: requestId || randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

// ---------------------------------------------------------------------------------------------
// Result → response

export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly details: readonly unknown[];
  readonly requestId: string;
}

/**
 * What API Gateway itself answers when a request never reaches (or never hears back from) a
 * function: its fixed `{"message": "..."}` bodies, which an HTTP API cannot reshape. The local
 * server answers these cases with exactly these bodies (PRODUCT.md §6).
 */
export const GATEWAY_MESSAGES = {
  401: "Unauthorized",
  404: "Not Found",
  413: "Request Entity Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
} as const;

export function gatewayResult(
  statusCode: keyof typeof GATEWAY_MESSAGES,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ message: GATEWAY_MESSAGES[statusCode] }),
  };
}

/** A response in the error shape of PRODUCT.md §6, for the local-only helpers under /_local. */
export function errorResult(
  statusCode: number,
  error: string,
  message: string,
  requestId: string,
  details: readonly unknown[] = [],
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  // The handlers' own response helper, so that local errors have exactly the handlers' shape.
  const body: ErrorBody = { error, message, details, requestId };
  return json(statusCode, body, { requestId, headers });
}

/**
 * Writes a handler result the way API Gateway does. A result without `statusCode` (a plain object
 * or string) is, as in AWS, sent as 200 application/json.
 */
export function writeApiGatewayResult(res: ServerResponse, result: unknown, requestId: string): number {
  const structured = toStructured(result);
  const statusCode = structured.statusCode ?? 200;
  for (const [name, value] of Object.entries(structured.headers ?? {})) res.setHeader(name, String(value));
  if (structured.cookies?.length) res.setHeader("set-cookie", structured.cookies);
  res.setHeader("apigw-requestid", requestId);
  const body = Buffer.from(structured.body ?? "", structured.isBase64Encoded ? "base64" : "utf8");
  res.setHeader("content-length", body.length);
  res.writeHead(statusCode);
  res.end(body);
  return statusCode;
}

function toStructured(result: unknown): APIGatewayProxyStructuredResultV2 {
  if (typeof result === "object" && result !== null && "statusCode" in result) {
    return result as APIGatewayProxyStructuredResultV2;
  }
  return {
    statusCode: 200,
    headers: { "content-type": "application/json" },
    body: typeof result === "string" ? result : (JSON.stringify(result) ?? ""),
  };
}
