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

function reportAction(action: string, handler: string, auth: RouteAuth): RouteSpec[] {
  return [
    {
      method: "POST",
      path: `/v1/reports/{trackingId}/${action}`,
      handler,
      auth,
      access: { table: "readWrite" },
    },
  ];
}

export const ROUTES: readonly RouteSpec[] = [
  {
    method: "POST",
    path: "/v1/reports",
    handler: "submit-report",
    auth: "public",
    access: { table: "readWrite" },
  },
  {
    method: "GET",
    path: "/v1/reports/{trackingId}",
    handler: "get-report",
    auth: "public",
    access: { table: "read" },
  },
  {
    method: "GET",
    path: "/v1/categories",
    handler: "list-categories",
    auth: "public",
    access: { table: "read" },
  },
  {
    method: "GET",
    path: "/v1/agencies",
    handler: "list-agencies",
    auth: "public",
    access: { table: "read" },
  },
  // Reporter actions: public routes, the reporter proves themselves with X-Access-Token.
  ...reportAction("messages", "post-message", "public"),
  ...reportAction("feedback", "give-feedback", "public"),
  ...reportAction("ombudsman", "forward-to-ombudsman", "public"),
  {
    method: "GET",
    path: "/v1/reports/{trackingId}/case-file",
    handler: "get-case-file",
    auth: "public",
    access: { table: "read" },
  },
  // Staff: a Cognito JWT (API Gateway JWT authorizer), scoped to the caller's agency subtree.
  { method: "GET", path: "/v1/inbox", handler: "list-inbox", auth: "staff", access: { table: "read" } },
  {
    method: "GET",
    path: "/v1/staff/reports/{trackingId}",
    handler: "get-staff-report",
    auth: "staff",
    access: { table: "read" },
  },
  ...reportAction("verify", "verify-report", "staff"),
  ...reportAction("hold", "hold-report", "staff"),
  ...reportAction("archive", "archive-report", "staff"),
  ...reportAction("dispatch", "dispatch-report", "staff"),
  ...reportAction("return", "return-report", "staff"),
  ...reportAction("follow-ups", "add-follow-up", "staff"),
  ...reportAction("follow-ups/{followUpId}/publish", "publish-follow-up", "staff"),
  {
    method: "POST",
    path: "/v1/agencies",
    handler: "create-agency",
    auth: "staff",
    access: { table: "readWrite" },
  },
  {
    method: "PATCH",
    path: "/v1/agencies/{agencyId}",
    handler: "update-agency",
    auth: "staff",
    access: { table: "readWrite" },
  },
  { method: "GET", path: "/v1/openapi.json", handler: "get-openapi", auth: "public", access: {} },
  { method: "GET", path: "/docs", handler: "get-docs", auth: "public", access: {}, assets: SWAGGER_ASSETS },
  {
    method: "GET",
    path: "/docs/{file}",
    handler: "get-docs",
    auth: "public",
    access: {},
    assets: SWAGGER_ASSETS,
  },
];

/** One entry per Lambda function: the routes grouped by handler. */
export function handlersOf(routes: readonly RouteSpec[] = ROUTES): Map<string, RouteSpec[]> {
  const byHandler = new Map<string, RouteSpec[]>();
  for (const route of routes) {
    byHandler.set(route.handler, [...(byHandler.get(route.handler) ?? []), route]);
  }
  return byHandler;
}
