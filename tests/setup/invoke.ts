/**
 * Calls a route's real handler the way API Gateway would for handler-level integration tests: the
 * route is named as in the manifest (`POST /v1/reports/{trackingId}/verify`), its handler module is
 * the one the CDK deploys for it, the event carries the route key, path and (for staff routes) the
 * JWT authorizer's claims — and every response is held to the OpenAPI document.
 */
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { ROUTES } from "../../functions/manifests/routes";
import type { HttpEvent } from "../../functions/shared/http";
import { httpEvent, lambdaContext } from "../fixtures/http-events";
import { assertContract } from "./openapi-contract";

export interface InvokeOptions {
  readonly claims?: Record<string, string>;
  readonly body?: unknown;
  /** Sent as is (a string), instead of JSON-encoding `body`. */
  readonly rawBody?: string;
  readonly path?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
}

export interface Invoked {
  readonly status: number;
  readonly headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: JSON read back in tests, asserted field by field
  readonly body: any;
}

/** Staff claims as the API Gateway JWT authorizer passes them (groups flattened to `[role]`). */
export function claimsOf(role: string, agencyId: string): Record<string, string> {
  return {
    sub: `user-${role}-${agencyId}`,
    "cognito:groups": `[${role}]`,
    "custom:agency_id": agencyId,
    token_use: "id",
  };
}

type Handler = (
  event: HttpEvent,
  context: typeof lambdaContext,
) => Promise<APIGatewayProxyStructuredResultV2>;

export async function invoke(routeKey: string, options: InvokeOptions = {}): Promise<Invoked> {
  const [method = "", template = ""] = routeKey.split(" ");
  const route = ROUTES.find((r) => r.method === method && r.path === template);
  if (!route) throw new Error(`no route ${routeKey} in the manifest`);
  const module = (await import(`../../functions/http/${route.handler}.ts`)) as { handler: Handler };
  const rawPath = template.replace(/\{([^}+]+)\+?\}/g, (_, name: string) =>
    encodeURIComponent(options.path?.[name] ?? ""),
  );
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const event = httpEvent({
    method,
    path: rawPath,
    routeKey,
    headers: { ...(body !== undefined && { "content-type": "application/json" }), ...options.headers },
    ...(body !== undefined && { body }),
    ...(options.path && { pathParameters: options.path }),
    ...(options.query && { queryStringParameters: options.query }),
  });
  event.routeKey = routeKey;
  event.requestContext.routeKey = routeKey;
  if (options.claims) event.requestContext.authorizer = { jwt: { claims: options.claims, scopes: [] } };
  const response = await module.handler(event, lambdaContext);
  const headers = Object.fromEntries(
    Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
  const contentType = headers["content-type"] ?? "";
  const text = String(response.body ?? "");
  const parsed = contentType.includes("json") && text !== "" ? JSON.parse(text) : text;
  assertContract({
    method,
    path: rawPath,
    status: response.statusCode ?? 200,
    headers,
    contentType,
    body: parsed,
  });
  return { status: response.statusCode ?? 200, headers, body: parsed };
}
