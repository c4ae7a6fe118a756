/**
 * The route manifest: every HTTP route, the Lambda that serves it and what that Lambda may touch.
 *
 * Pure data, read by the CDK stateless stack (one function per `handler`, one API route per entry,
 * grants from `access`) and by the local server (same handlers, same paths). Adding a route means
 * adding a line here and a file `functions/http/<handler>.ts` exporting `handler`.
 */

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** `public`: anyone; `staff`: a valid staff JWT (Cognito authorizer in AWS, local JWT check locally). */
export type RouteAuth = "public" | "staff";

export interface RouteAccess {
  /** Least privilege on the single table. @default none */
  readonly table?: "read" | "readWrite";
  /** Queues the function may send to (names from QUEUES). @default none */
  readonly sendTo?: readonly QueueName[];
  /** Attachments bucket access. @default none */
  readonly attachments?: "read" | "readWrite";
}

export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `{name}` for a path parameter, `{name+}` for a greedy one. */
  readonly path: string;
  /** File name in functions/http (without .ts); routes that share it share one function. */
  readonly handler: string;
  readonly auth: RouteAuth;
  readonly access: RouteAccess;
  /** Static files the bundler must copy next to the handler (paths relative to node_modules). */
  readonly assets?: readonly string[];
}

export const QUEUES = {
  notifications: "notifications",
  escalations: "escalations",
} as const;
export type QueueName = keyof typeof QUEUES;

const SWAGGER_ASSETS = [
  "swagger-ui-dist/swagger-ui.css",
  "swagger-ui-dist/swagger-ui-bundle.js",
  "swagger-ui-dist/swagger-ui-standalone-preset.js",
  "swagger-ui-dist/favicon-32x32.png",
] as const;

export const ROUTES: readonly RouteSpec[] = [
  { method: "POST", path: "/v1/reports", handler: "submit-report", auth: "public", access: { table: "readWrite" } },
  {
    method: "GET",
    path: "/v1/reports/{trackingId}",
    handler: "get-report",
    auth: "public",
    access: { table: "read" },
  },
  { method: "GET", path: "/v1/categories", handler: "list-categories", auth: "public", access: { table: "read" } },
  { method: "GET", path: "/v1/agencies", handler: "list-agencies", auth: "public", access: { table: "read" } },
  { method: "GET", path: "/v1/openapi.json", handler: "get-openapi", auth: "public", access: {} },
  { method: "GET", path: "/docs", handler: "get-docs", auth: "public", access: {}, assets: SWAGGER_ASSETS },
  { method: "GET", path: "/docs/{file}", handler: "get-docs", auth: "public", access: {}, assets: SWAGGER_ASSETS },
];

/** One entry per Lambda function: the routes grouped by handler. */
export function handlersOf(routes: readonly RouteSpec[] = ROUTES): Map<string, RouteSpec[]> {
  const byHandler = new Map<string, RouteSpec[]>();
  for (const route of routes) {
    byHandler.set(route.handler, [...(byHandler.get(route.handler) ?? []), route]);
  }
  return byHandler;
}
