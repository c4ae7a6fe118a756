/**
 * The route manifest: every HTTP route, the Lambda that serves it and what that Lambda may touch.
 *
 * Pure data, read by the CDK stateless stack (one function per `handler`, one API route per entry,
 * grants from `access`) and by the local server (same handlers, same paths). Adding a route means
 * adding a line here and a file `functions/http/<handler>.ts` exporting `handler`.
 */

import type { QueueName } from "../domain/messages";

export type AttachmentAccess = "announce" | "download" | "check";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE" | "ANY";

/**
 * API Gateway's catch-all route: every request no other route matches reaches its handler, which
 * answers 404 `route_not_found` or 405 with `Allow` in Aduan's error shape (the gateway's own 404
 * would be a bare `{"message":"Not Found"}`). The local server falls back to it the same way.
 */
export const DEFAULT_ROUTE_PATH = "$default";

/**
 * The paths the API serves, as CloudFront path patterns: CloudFront sends these to API Gateway and
 * every other path to the web app's files (lib/web-stack.ts); the local server does the same.
 */
export const API_PATH_PATTERNS = ["/v1/*", "/open311/*", "/docs*"] as const;

/** Whether `path` is the API's (one of API_PATH_PATTERNS), not the web app's. */
export function isApiPath(path: string): boolean {
  // Each pattern ends in one `*`: a prefix match, as CloudFront's.
  return API_PATH_PATTERNS.some((pattern) => path.startsWith(pattern.slice(0, -1)));
}

/** `public`: anyone; `staff`: a valid staff JWT (Cognito authorizer in AWS, local JWT check locally). */
export type RouteAuth = "public" | "staff";

export interface RouteAccess {
  /** Least privilege on the single table. @default none */
  readonly table?: "read" | "readWrite";
  /** Queues the function may send to (names from QUEUES). @default none */
  readonly sendTo?: readonly QueueName[];
  /**
   * Attachment files: `announce` signs uploads to `incoming/`, `download` signs reads of `clean/`,
   * `check` reads and removes uploads and writes checked files. @default none
   */
  readonly attachments?: readonly AttachmentAccess[];
  /**
   * Staff export files (`exports/` in the files bucket): `read` presigns downloads, `readWrite`
   * writes them too. @default none
   */
  readonly exports?: "read" | "readWrite";
  /** Read the access-token secret (intake derives reporters' tokens with it). @default false */
  readonly tokenSecret?: boolean;
  /** Send e-mail through SES, from the stage's identity only. @default false */
  readonly email?: boolean;
  /** Authenticates API keys (reads them, counts their uses: needs table readWrite). @default false */
  readonly apiKeys?: boolean;
  /**
   * Agencies' notification channels — contact e-mails, webhooks with their signing secrets — in the
   * table's CHANNELS_PARTITION_PREFIX partitions. A function without it is denied those partitions
   * whatever its table access. @default false
   */
  readonly channels?: boolean;
}

export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `{name}` for a path parameter, `{name+}` for a greedy one. */
  readonly path: string;
  /**
   * The function serving the route: a file in functions/http (without .ts) exporting `handler`;
   * routes that share it share one function (FUNCTION_GROUPS).
   */
  readonly handler: string;
  /** The route's own module in functions/http, when `handler` is a group's dispatcher. @default handler */
  readonly module?: string;
  readonly auth: RouteAuth;
  readonly access: RouteAccess;
  /** Static files the bundler must copy next to the handler (paths relative to node_modules). */
  readonly assets?: readonly string[];
}

/** The work queues (each with a dead-letter queue), named by the messages they carry. */
export const QUEUES: { readonly [Q in QueueName]: Q } = {
  notifications: "notifications",
  webhooks: "webhooks",
  escalations: "escalations",
  reindex: "reindex",
  figures: "figures",
  exports: "exports",
  attachments: "attachments",
};
export type { QueueName };

const SWAGGER_ASSETS = [
  "swagger-ui-dist/swagger-ui.css",
  "swagger-ui-dist/swagger-ui-bundle.js",
  "swagger-ui-dist/swagger-ui-standalone-preset.js",
  "swagger-ui-dist/favicon-32x32.png",
] as const;

const READ: RouteAccess = { table: "read" };
const WRITE: RouteAccess = { table: "readWrite" };
const INTAKE: RouteAccess = { table: "readWrite", tokenSecret: true, apiKeys: true };
/** Routes for API keys, checked by the handler (HTTP APIs have no API keys of their own). */
const KEYED: RouteAccess = { table: "readWrite", apiKeys: true };
const NONE: RouteAccess = {};
const ANNOUNCE: RouteAccess = { table: "readWrite", attachments: ["announce"] };
const DOWNLOAD: RouteAccess = { table: "read", attachments: ["download"] };

/**
 * The HTTP functions, by audience (docs/decisions.md, "Cold starts"): each serves its routes through
 * a dispatcher entry `functions/http/<function>.ts` that picks the route's module by API Gateway's
 * route key. Least privilege holds between functions: each is granted the union of its routes'
 * access, and no function mixes anonymous and staff routes, or reads with the grants of writes
 * where the citizen waits (documentation and file downloads, which bring heavy libraries, apart).
 */
export const FUNCTION_GROUPS = {
  "api-public-reads": [
    "get-report",
    "list-categories",
    "list-agencies",
    "get-stats",
    "get-stats-rankings",
    "list-public-reports",
    "list-public-stories",
    "get-case-file",
    "list-attachments",
    "open311-read",
    "route-not-found",
  ],
  "api-public-writes": [
    "submit-report",
    "post-message",
    "give-feedback",
    "forward-to-ombudsman",
    "request-access-token",
    "confirm-access-token",
    "open311-create",
  ],
  // The reporter's upload signing and public downloads: the S3 libraries stay out of intake's bundle.
  "api-files": ["add-attachment", "get-attachment"],
  "api-docs": ["get-openapi", "get-docs"],
  "api-staff": [
    "list-inbox",
    "get-staff-report",
    "add-staff-attachment",
    "list-staff-attachments",
    "get-staff-attachment",
    "publish-attachment",
    "verify-report",
    "hold-report",
    "archive-report",
    "dispatch-report",
    "return-report",
    "add-follow-up",
    "publish-follow-up",
    "request-export",
    "get-export",
  ],
  "api-admin": [
    "create-agency",
    "update-agency",
    "get-agency-reindex",
    "get-agency-contacts",
    "set-agency-contacts",
    "register-webhook",
    "list-webhooks",
    "delete-webhook",
    "list-webhook-deliveries",
    "create-api-key",
    "list-api-keys",
    "revoke-api-key",
  ],
  "api-sync": ["sync-list-reports", "sync-get-report", "sync-add-follow-up"],
} as const satisfies Record<string, readonly string[]>;

export type FunctionGroup = keyof typeof FUNCTION_GROUPS;

/** The function serving a route module. */
export function groupOf(module: string): FunctionGroup {
  const group = (Object.keys(FUNCTION_GROUPS) as FunctionGroup[]).find((name) =>
    (FUNCTION_GROUPS[name] as readonly string[]).includes(module),
  );
  if (!group) throw new Error(`route module ${module} is in no function group (FUNCTION_GROUPS)`);
  return group;
}

function route(
  method: HttpMethod,
  path: string,
  module: string,
  auth: RouteAuth,
  access: RouteAccess,
  assets?: readonly string[],
): RouteSpec {
  return { method, path, handler: groupOf(module), module, auth, access, ...(assets && { assets }) };
}

/** `POST /v1/reports/{trackingId}/<action>`: every lifecycle action writes one report. */
function reportAction(action: string, handler: string, auth: RouteAuth): RouteSpec {
  return route("POST", `/v1/reports/{trackingId}/${action}`, handler, auth, WRITE);
}

// biome-ignore format: one route a line reads as the table it is
export const ROUTES: readonly RouteSpec[] = [
  // Citizens, and machines with a reports:create key (X-Api-Key: the filing names its channel).
  route("POST", "/v1/reports", "submit-report", "public", INTAKE),
  route("GET", "/v1/reports/{trackingId}", "get-report", "public", READ),
  route("GET", "/v1/categories", "list-categories", "public", READ),
  route("GET", "/v1/agencies", "list-agencies", "public", READ),
  // Figures (PRODUCT.md §5): public, counters only, never report content.
  route("GET", "/v1/stats", "get-stats", "public", READ),
  route("GET", "/v1/stats/rankings", "get-stats-rankings", "public", READ),
  // Open data: verified, non-confidential reports and success stories, never any contact.
  route("GET", "/v1/public/reports", "list-public-reports", "public", READ),
  route("GET", "/v1/public/stories", "list-public-stories", "public", READ),
  // Reporter actions: public routes; the reporter proves themselves with X-Access-Token.
  reportAction("messages", "post-message", "public"),
  reportAction("feedback", "give-feedback", "public"),
  reportAction("ombudsman", "forward-to-ombudsman", "public"),
  route("GET", "/v1/reports/{trackingId}/case-file", "get-case-file", "public", READ),
  // A lost access token: a one-time code to the address on file, then a new token for the code.
  route("POST", "/v1/reports/{trackingId}/access-token", "request-access-token", "public", { table: "readWrite", email: true }),
  route("POST", "/v1/reports/{trackingId}/access-token/confirm", "confirm-access-token", "public", WRITE),
  // Attachments: the reporter (X-Access-Token) and the public; staff routes below.
  route("POST", "/v1/reports/{trackingId}/attachments", "add-attachment", "public", ANNOUNCE),
  route("GET", "/v1/reports/{trackingId}/attachments", "list-attachments", "public", READ),
  route("GET", "/v1/reports/{trackingId}/attachments/{attachmentId}", "get-attachment", "public", DOWNLOAD),
  // Staff: a Cognito JWT (API Gateway JWT authorizer), scoped to the caller's agency subtree.
  route("GET", "/v1/inbox", "list-inbox", "staff", READ),
  route("GET", "/v1/staff/reports/{trackingId}", "get-staff-report", "staff", READ),
  route("POST", "/v1/staff/reports/{trackingId}/attachments", "add-staff-attachment", "staff", ANNOUNCE),
  route("GET", "/v1/staff/reports/{trackingId}/attachments", "list-staff-attachments", "staff", READ),
  route("GET", "/v1/staff/reports/{trackingId}/attachments/{attachmentId}", "get-staff-attachment", "staff", DOWNLOAD),
  route("POST", "/v1/staff/reports/{trackingId}/attachments/{attachmentId}/publish", "publish-attachment", "staff", WRITE),
  reportAction("verify", "verify-report", "staff"),
  reportAction("hold", "hold-report", "staff"),
  reportAction("archive", "archive-report", "staff"),
  reportAction("dispatch", "dispatch-report", "staff"),
  reportAction("return", "return-report", "staff"),
  reportAction("follow-ups", "add-follow-up", "staff"),
  reportAction("follow-ups/{followUpId}/publish", "publish-follow-up", "staff"),
  route("POST", "/v1/agencies", "create-agency", "staff", WRITE),
  route("PATCH", "/v1/agencies/{agencyId}", "update-agency", "staff", { table: "readWrite", sendTo: ["reindex"] }),
  route("GET", "/v1/agencies/{agencyId}/reindex", "get-agency-reindex", "staff", READ),
  // An agency's notification channels (its agency admins, the national admin); secrets shown once.
  route("GET", "/v1/agencies/{agencyId}/contacts", "get-agency-contacts", "staff", { table: "read", channels: true }),
  route("PUT", "/v1/agencies/{agencyId}/contacts", "set-agency-contacts", "staff", { table: "readWrite", channels: true }),
  route("POST", "/v1/agencies/{agencyId}/webhooks", "register-webhook", "staff", { table: "readWrite", channels: true }),
  route("GET", "/v1/agencies/{agencyId}/webhooks", "list-webhooks", "staff", { table: "read", channels: true }),
  route("DELETE", "/v1/agencies/{agencyId}/webhooks/{webhookId}", "delete-webhook", "staff", { table: "readWrite", channels: true }),
  route("GET", "/v1/agencies/{agencyId}/webhook-deliveries", "list-webhook-deliveries", "staff", READ),
  // API keys for machines (agency admins, national admin), and what an agency's own system may do.
  route("POST", "/v1/api-keys", "create-api-key", "staff", WRITE),
  route("GET", "/v1/api-keys", "list-api-keys", "staff", READ),
  route("DELETE", "/v1/api-keys/{keyId}", "revoke-api-key", "staff", WRITE),
  route("GET", "/v1/sync/reports", "sync-list-reports", "public", KEYED),
  route("GET", "/v1/sync/reports/{trackingId}", "sync-get-report", "public", KEYED),
  route("POST", "/v1/sync/reports/{trackingId}/follow-ups", "sync-add-follow-up", "public", KEYED),
  // Staff export of report lifecycle timestamps: written to the bucket by a queue job.
  route("POST", "/v1/exports", "request-export", "staff", { table: "readWrite", sendTo: ["exports"] }),
  route("GET", "/v1/exports/{exportId}", "get-export", "staff", { table: "read", exports: "read" }),
  // Open311 GeoReport v2 (HTTP APIs match whole path segments: the format suffix is part of them).
  route("GET", "/open311/v2/{resource}", "open311-read", "public", READ),
  route("GET", "/open311/v2/services/{file}", "open311-read", "public", READ),
  route("GET", "/open311/v2/requests/{file}", "open311-read", "public", READ),
  route("GET", "/open311/v2/tokens/{file}", "open311-read", "public", READ),
  route("POST", "/open311/v2/{resource}", "open311-create", "public", INTAKE),
  // Documentation.
  route("GET", "/v1/openapi.json", "get-openapi", "public", NONE),
  route("GET", "/docs", "get-docs", "public", NONE, SWAGGER_ASSETS),
  route("GET", "/docs/{file}", "get-docs", "public", NONE, SWAGGER_ASSETS),
  // Everything else: 404 or 405 in the error shape.
  route("ANY", DEFAULT_ROUTE_PATH, "route-not-found", "public", NONE),
];

/** One entry per Lambda function: the routes grouped by handler. */
export function handlersOf(routes: readonly RouteSpec[] = ROUTES): Map<string, RouteSpec[]> {
  const byHandler = new Map<string, RouteSpec[]>();
  for (const route of routes) {
    byHandler.set(route.handler, [...(byHandler.get(route.handler) ?? []), route]);
  }
  return byHandler;
}
