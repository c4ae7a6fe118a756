/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests.
 * Local-only helpers (/_local) are deliberately absent: they do not exist in AWS.
 */
import { WebhookPayload } from "../domain/agency-notices";
import * as z from "../domain/zod";
import {
  AddedAttachment,
  Agency,
  AgencyContacts,
  AgencyList,
  ApiKeyList,
  ApiKeysQuery,
  ArchiveRequest,
  AttachmentDownload,
  AttachmentRequest,
  AttachmentView,
  CaseFile,
  CategoryTree,
  ConfirmAccessTokenRequest,
  CreateAgencyRequest,
  CreateApiKeyRequest,
  CreatedApiKey,
  DispatchRequest,
  ErrorBody,
  ExportRequest,
  ExportView,
  FeedbackRequest,
  FollowUpRequest,
  FollowUpResult,
  GatewayError,
  HoldRequest,
  InboxPage,
  InboxQuery,
  MessageRequest,
  NewAccessToken,
  PublicListingQuery,
  PublicReportPage,
  PublicStoriesQuery,
  Rankings,
  RankingsQuery,
  RegisteredWebhook,
  RegisterWebhookRequest,
  ReindexJob,
  ReportView,
  ReturnRequest,
  Stats,
  StatsQuery,
  SubmitReportReceipt,
  SubmitReportRequest,
  TrackingIdParam,
  UpdateAgencyRequest,
  VerifyRequest,
  WebhookDeliveriesQuery,
  WebhookDeliveryList,
  WebhookList,
} from "./api-schemas";
import { OpenApiBuilder, type OpenApiDocument, type OperationConfig } from "./openapi-builder";

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorBody } },
});

/** A response API Gateway itself may give, or the handler: either body. */
const eitherResponse = (
  description: string,
  headers?: Record<string, { description: string; schema: { type: "string" } }>,
) => ({
  description,
  ...(headers && { headers }),
  content: { "application/json": { schema: z.union([ErrorBody, GatewayError]) } },
});

/** Answered by API Gateway alone, with its own `{"message"}` body (PRODUCT.md §6). */
const gatewayResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: GatewayError } },
});

const RETRY_AFTER = {
  "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "string" as const } },
};

/**
 * Who may call an operation decides the errors it can answer besides its own:
 * - every operation: 429 (the gateway's throttling), 500 (the gateway's integration failure or
 *   the handler's internal_error), 503 (the gateway's timeout, or service_unavailable when the
 *   store is busy or unreachable, with Retry-After), 504 (the handler out of time);
 * - staff: 401 (the JWT authorizer's own body, or the handler's when the token is not an ID
 *   token), 403 (no role, or the role may not act);
 * - reporter (X-Access-Token): 401 without a token, 403 with a wrong one;
 * - with a JSON body: 400, 413 (the gateway's 10 MB limit or the handler's 64 KB), 415;
 * - with path or query parameters: 400 and 404.
 */
type Access = "public" | "staff" | "reporter" | "apiKey";

function standardResponses(access: Access, hasBody: boolean, hasParams: boolean) {
  return {
    ...((hasBody || hasParams) && {
      400: errorResponse("Invalid input: every offending field is named in details"),
    }),
    ...(access === "staff" && {
      401: eitherResponse(
        'No valid staff token: the JWT authorizer\'s own {"message":"Unauthorized"}, or not an ID token',
      ),
      403: errorResponse("No Aduan role, or the role may not do this"),
    }),
    ...(access === "apiKey" && {
      401: errorResponse("api_key_required, or invalid_api_key (unknown, revoked, or wrong)"),
      403: errorResponse("The key lacks the scope this route needs"),
    }),
    ...(access === "reporter" && {
      401: errorResponse("X-Access-Token missing"),
      403: errorResponse("X-Access-Token does not match this report"),
    }),
    ...(hasParams && { 404: errorResponse("Unknown, or not visible to this caller") }),
    ...(hasBody && {
      413: eitherResponse(
        "Body too large: over the handler's 64 KB, or over API Gateway's 10 MB (its own body)",
      ),
      415: errorResponse("The body is not application/json"),
    }),
    429:
      access === "apiKey"
        ? eitherResponse(
            "too_many_requests: the key's per-minute limit (Retry-After); or API Gateway's throttling",
            RETRY_AFTER,
          )
        : gatewayResponse("Throttled by API Gateway (its own body)"),
    500: eitherResponse(
      "Unexpected error (internal_error, never revealing internals), or API Gateway's integration failure",
    ),
    503: eitherResponse(
      "service_unavailable: the store is busy or unreachable (Retry-After); or API Gateway's integration timeout",
      RETRY_AFTER,
    ),
    504: errorResponse("timeout: the handler ran out of time"),
  };
}

/** Registers an operation with the standard responses of its access kind (its own override them). */
function operation(registry: OpenApiBuilder, access: Access, config: OperationConfig): void {
  const request = config.request;
  const hasBody = request?.body !== undefined;
  const hasParams = request?.params !== undefined || request?.query !== undefined;
  registry.operation({
    ...config,
    responses: { ...standardResponses(access, hasBody, hasParams), ...config.responses },
  });
}

export function buildOpenApiDocument(): OpenApiDocument {
  const registry = new OpenApiBuilder();
  const bearer = registry.securityScheme("staffJwt", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      "A Cognito ID token: group = role (national_admin, agency_admin, unit_admin, liaison_officer, supervisor), " +
      "custom:agency_id = the staff member's agency. Locally: POST /_local/token.",
  });
  const staff = [{ [bearer]: [] }];
  const apiKey = registry.securityScheme("apiKey", {
    type: "apiKey",
    in: "header",
    name: "X-Api-Key",
    description:
      "A machine's key (POST /v1/api-keys): `reports:create` for intake channels, `agency:sync` for an agency's own system",
  });
  const keyed = [{ [apiKey]: [] }];
  const trackingParams = z.object({ trackingId: TrackingIdParam });
  const agencyParams = z.object({ agencyId: z.string() });
  const accessToken = z.object({
    "X-Access-Token": z.string().check(z.meta({ description: "The reporter's secret" })),
  });
  const language = z.object({
    "Accept-Language": z.optional(z.string()).check(
      z.meta({
        description: "Error messages in Indonesian (default) or English (`en`); codes never change",
      }),
    ),
  });
  const json = (schema: z.ZodMiniType) => ({ "application/json": { schema } });
  const ok = (schema: z.ZodMiniType, description: string) => ({ description, content: json(schema) });
  const body = (schema: z.ZodMiniType, required = true) => ({ required, content: json(schema) });
  const conflict = errorResponse(
    "invalid_transition: not allowed in the current status, or someone else acted first",
  );

  operation(registry, "public", {
    method: "post",
    path: "/v1/reports",
    operationId: "submitReport",
    summary: "File a report",
    description:
      "Files a complaint, aspiration or information request. Send an Idempotency-Key so that a retry never " +
      "creates a second report: the same key with the same body returns the first receipt (same tracking ID " +
      "and access token); the same key with a different body is a 409. A machine (an SMS or WhatsApp gateway) " +
      "adds its `reports:create` key as X-Api-Key: the report then names its channel to staff.",
    tags: ["Reports"],
    request: {
      headers: z.extend(language, {
        "Idempotency-Key": z
          .optional(z.string().check(z.minLength(16), z.maxLength(255)))
          .check(z.meta({ description: "16–255 visible ASCII characters; a UUID v4 is ideal" })),
        "X-Api-Key": z.optional(z.string()).check(
          z.meta({
            description: "A channel's reports:create key (machines only); 401 if invalid or revoked",
          }),
        ),
      }),
      body: body(SubmitReportRequest),
    },
    responses: {
      201: ok(SubmitReportReceipt, "Report filed (or the first receipt, replayed)"),
      401: errorResponse("X-Api-Key given but invalid or revoked (invalid_api_key)"),
      403: errorResponse("X-Api-Key without the reports:create scope"),
      429: eitherResponse(
        "too_many_requests: the key's per-minute limit (Retry-After); or API Gateway's throttling",
        RETRY_AFTER,
      ),
      409: errorResponse(
        "Idempotency-Key reused with a different body, or its receipt can no longer be replayed",
      ),
    },
  });

  operation(registry, "public", {
    method: "get",
    path: "/v1/reports/{trackingId}",
    operationId: "getReport",
    summary: "Track a report",
    description:
      "The public view of a report and its timeline. With X-Access-Token (from the receipt) the reporter's " +
      "own view, which adds their contact details. Confidential reports are 404 without the token.",
    tags: ["Reports"],
    request: {
      params: trackingParams,
      headers: z.extend(language, {
        "X-Access-Token": z.optional(z.string()).check(z.meta({ description: "The reporter's secret" })),
      }),
    },
    responses: { 200: ok(ReportView, "The report as this caller may see it") },
  });

  operation(registry, "public", {
    method: "get",
    path: "/v1/categories",
    operationId: "listCategories",
    summary: "The category tree",
    tags: ["Directory"],
    responses: { 200: ok(CategoryTree, "Categories") },
  });

  operation(registry, "public", {
    method: "get",
    path: "/v1/agencies",
    operationId: "listAgencies",
    summary: "The agency directory",
    tags: ["Directory"],
    responses: { 200: ok(AgencyList, "Agencies") },
  });

  const csvOr = (schema: z.ZodMiniType, description: string, example: string) => ({
    description,
    content: {
      ...json(schema),
      "text/csv": {
        schema: z.string().check(
          z.meta({
            description:
              "UTF-8 with a byte-order mark, RFC 4180, a header row with labels in the Accept-Language",
            example,
          }),
        ),
      },
    },
  });
  operation(registry, "public", {
    method: "get",
    path: "/v1/stats",
    operationId: "getStats",
    summary: "An agency's figures for a range of months, with one row per child agency",
    description:
      "Counters per agency and month, by cohort (the month a report's stay in the agency's subtree began), " +
      "kept from the table's stream a second or so behind the reports. Reading costs agencies × months, " +
      "never reports. `format=csv` or `Accept: text/csv` gives one row per agency.",
    tags: ["Figures"],
    request: { query: StatsQuery, headers: language },
    responses: {
      200: csvOr(
        Stats,
        "The agency's row and its children's",
        "ID instansi,Nama instansi,Tingkat,Laporan diterima,Ditindaklanjuti,%TL,…\r\nkab-blora,Pemerintah Kabupaten Blora,regency,32,17,53.1,…",
      ),
      404: errorResponse("agencyId unknown"),
    },
  });
  operation(registry, "public", {
    method: "get",
    path: "/v1/stats/rankings",
    operationId: "getStatsRankings",
    summary: "The children of an agency ranked by %TL, on-time first follow-up rate and volume",
    tags: ["Figures"],
    request: { query: RankingsQuery, headers: language },
    responses: {
      200: csvOr(
        Rankings,
        "Ranked children, and those with too few reports apart",
        "Peringkat,ID instansi,…\r\n1,kota-medan,…",
      ),
      404: errorResponse("parentId unknown"),
    },
  });

  const staffActions: [string, string, string, z.ZodMiniType, boolean][] = [
    [
      "verify",
      "verifyReport",
      "Verify (and optionally dispatch) a submitted report; the body may be empty",
      VerifyRequest,
      false,
    ],
    ["hold", "holdReport", "Ask the reporter for more information (on_hold)", HoldRequest, true],
    [
      "archive",
      "archiveReport",
      "Archive without processing (unintelligible, out of scope, duplicate, spam)",
      ArchiveRequest,
      true,
    ],
    [
      "dispatch",
      "dispatchReport",
      "Dispatch to an agency or unit below the current one",
      DispatchRequest,
      true,
    ],
    ["return", "returnReport", "Return as not our authority (bukan wewenang)", ReturnRequest, true],
  ];
  for (const [action, operationId, summary, schema, required] of staffActions) {
    operation(registry, "staff", {
      method: "post",
      path: `/v1/reports/{trackingId}/${action}`,
      operationId,
      summary,
      tags: ["Staff"],
      security: staff,
      request: { params: trackingParams, headers: language, body: body(schema, required) },
      responses: { 200: ok(ReportView, "The report as staff see it now"), 409: conflict },
    });
  }

  operation(registry, "staff", {
    method: "post",
    path: "/v1/reports/{trackingId}/follow-ups",
    operationId: "addFollowUp",
    summary:
      "Add a follow-up: a draft from a unit admin, published at once from a liaison officer or agency admin",
    tags: ["Staff"],
    security: staff,
    request: { params: trackingParams, headers: language, body: body(FollowUpRequest) },
    responses: { 201: ok(FollowUpResult, "The follow-up and the report"), 409: conflict },
  });

  operation(registry, "staff", {
    method: "post",
    path: "/v1/reports/{trackingId}/follow-ups/{followUpId}/publish",
    operationId: "publishFollowUp",
    summary: "Publish a unit's draft follow-up (liaison officer or agency admin)",
    tags: ["Staff"],
    security: staff,
    request: { params: z.extend(trackingParams, { followUpId: z.string() }), headers: language },
    responses: { 200: ok(FollowUpResult, "The published follow-up and the report"), 409: conflict },
  });

  operation(registry, "staff", {
    method: "get",
    path: "/v1/staff/reports/{trackingId}",
    operationId: "getStaffReport",
    summary: "The staff view of a report in your agency's subtree",
    tags: ["Staff"],
    security: staff,
    request: { params: trackingParams, headers: language },
    responses: { 200: ok(ReportView, "Staff view") },
  });

  operation(registry, "staff", {
    method: "get",
    path: "/v1/inbox",
    operationId: "listInbox",
    summary: "Reports of your agency's subtree, newest first: every open status unless `status` names some",
    description:
      "One page costs at most one Query per status asked for; the cursor carries each status's position. " +
      "Confidential reports appear only to the agencies that hold or dispatched them.",
    tags: ["Staff"],
    security: staff,
    request: { query: InboxQuery, headers: language },
    responses: {
      200: ok(InboxPage, "A page of summaries; pass `cursor` back for the next"),
      404: errorResponse("agencyId unknown or outside your subtree"),
    },
  });

  operation(registry, "staff", {
    method: "post",
    path: "/v1/agencies",
    operationId: "createAgency",
    summary: "Add an agency (national admin)",
    tags: ["Directory"],
    security: staff,
    request: { headers: language, body: body(CreateAgencyRequest) },
    responses: {
      201: ok(Agency, "Created"),
      400: errorResponse("Invalid, or would break the tree (cycle, missing parent, levels not descending)"),
      409: errorResponse("Id taken"),
    },
  });

  operation(registry, "staff", {
    method: "patch",
    path: "/v1/agencies/{agencyId}",
    operationId: "updateAgency",
    summary: "Rename, re-level or move an agency (national admin)",
    description:
      "A move (new parentId) changes who may see the subtree's reports at once and re-indexes them in the " +
      "background (GET /v1/agencies/{agencyId}/reindex). Repeating the same move resumes a stalled job.",
    tags: ["Directory"],
    security: staff,
    request: { params: agencyParams, headers: language, body: body(UpdateAgencyRequest) },
    responses: {
      200: ok(Agency, "Updated"),
      400: errorResponse("Invalid, or would break the tree"),
      409: errorResponse("reindex_in_progress: the agency's previous move is still being applied"),
    },
  });

  operation(registry, "staff", {
    method: "get",
    path: "/v1/agencies/{agencyId}/reindex",
    operationId: "getAgencyReindex",
    summary: "Progress of re-indexing an agency's reports after its latest move (national admin)",
    description:
      "Access follows a move at once; the stored ancestry and inbox indexes of the subtree's reports are " +
      "rewritten in the background, 100 reports a step.",
    tags: ["Directory"],
    security: staff,
    request: { params: agencyParams, headers: language },
    responses: {
      200: ok(ReindexJob, "The job of the agency's latest move"),
      404: errorResponse("Unknown agency, or never moved"),
    },
  });

  const channels = "Notifications";
  const channelAdmins = "(the agency's agency admins, or the national admin)";
  operation(registry, "staff", {
    method: "get",
    path: "/v1/agencies/{agencyId}/contacts",
    operationId: "getAgencyContacts",
    summary: `The agency's notification e-mail addresses ${channelAdmins}`,
    tags: [channels],
    security: staff,
    request: { params: agencyParams, headers: language },
    responses: { 200: ok(AgencyContacts, "The addresses") },
  });
  operation(registry, "staff", {
    method: "put",
    path: "/v1/agencies/{agencyId}/contacts",
    operationId: "setAgencyContacts",
    summary: `Replace the agency's notification e-mail addresses ${channelAdmins}`,
    description:
      "They receive what the agency is told: new reports it was chosen for, dispositions to it, returns to it, " +
      "resolutions and reopenings of its reports, escalations — never a reporter's contact, and of a " +
      "confidential report only its tracking ID and status.",
    tags: [channels],
    security: staff,
    request: { params: agencyParams, headers: language, body: body(AgencyContacts) },
    responses: { 200: ok(AgencyContacts, "Saved") },
  });
  operation(registry, "staff", {
    method: "post",
    path: "/v1/agencies/{agencyId}/webhooks",
    operationId: "registerWebhook",
    summary: `Register a webhook receiver ${channelAdmins}`,
    description:
      "Deliveries follow the Standard Webhooks specification: headers webhook-id (the same on every retry), " +
      "webhook-timestamp and webhook-signature (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` under the " +
      "secret's key), a WebhookPayload body, 5 s to answer with a 2xx, retries with backoff for at least 24 " +
      "hours. HTTPS only (http://127.0.0.1 on the local stage); a URL that names or resolves to a private, " +
      "loopback or link-local address is refused here and at every delivery. At most 5 per agency.",
    tags: [channels],
    security: staff,
    request: { params: agencyParams, headers: language, body: body(RegisterWebhookRequest) },
    responses: {
      201: ok(RegisteredWebhook, "Registered; the secret is shown this once"),
      400: errorResponse("invalid_webhook_url, or another invalid field"),
      409: errorResponse("webhook_limit: the agency has 5 already"),
    },
  });
  operation(registry, "staff", {
    method: "get",
    path: "/v1/agencies/{agencyId}/webhooks",
    operationId: "listWebhooks",
    summary: `The agency's webhook receivers, without secrets ${channelAdmins}`,
    tags: [channels],
    security: staff,
    request: { params: agencyParams, headers: language },
    responses: { 200: ok(WebhookList, "The receivers") },
  });
  operation(registry, "staff", {
    method: "delete",
    path: "/v1/agencies/{agencyId}/webhooks/{webhookId}",
    operationId: "deleteWebhook",
    summary: `Delete a webhook receiver; deliveries still pending are dropped ${channelAdmins}`,
    tags: [channels],
    security: staff,
    request: { params: z.extend(agencyParams, { webhookId: z.string() }), headers: language },
    responses: { 204: { description: "Deleted" } },
  });
  operation(registry, "staff", {
    method: "get",
    path: "/v1/agencies/{agencyId}/webhook-deliveries",
    operationId: "listWebhookDeliveries",
    summary: `The agency's webhook delivery log, newest first, kept 30 days ${channelAdmins}`,
    tags: [channels],
    security: staff,
    request: { params: agencyParams, headers: language, query: WebhookDeliveriesQuery },
    responses: { 200: ok(WebhookDeliveryList, "One entry per attempt") },
  });
  // What Aduan sends to a registered receiver (OpenAPI 3.1's top-level `webhooks`).
  registry.webhook({
    method: "post",
    path: "reportEvent",
    operationId: "reportEvent",
    summary: "A report the agency is concerned with changed (sent to each of its registered webhooks)",
    description:
      "Signed as the Standard Webhooks specification says (webhook-id, webhook-timestamp, webhook-signature). " +
      "Never a reporter's contact; for a confidential report only `trackingId` and `status` in `data`.",
    tags: [channels],
    request: {
      headers: z.object({
        "webhook-id": z.string(),
        "webhook-timestamp": z.string(),
        "webhook-signature": z.string(),
      }),
      body: body(WebhookPayload),
    },
    responses: { 200: { description: "Any 2xx within 5 s: delivered. Anything else: retried with backoff" } },
  });

  const keys = "API keys";
  operation(registry, "staff", {
    method: "post",
    path: "/v1/api-keys",
    operationId: "createApiKey",
    summary: "Create an API key for a machine of an agency in your subtree (agency and national admins)",
    description:
      "The key is shown this once and stored as a hash. `reports:create`: intake channels (POST /v1/reports " +
      "with X-Api-Key, Open311's POST requests) — their filings name the channel. `agency:sync`: the agency's own " +
      "system reads its subtree and publishes follow-ups as the agency (/v1/sync/…). Each key is rate-limited " +
      "per minute (stage configuration).",
    tags: [keys],
    security: staff,
    request: { headers: language, body: body(CreateApiKeyRequest) },
    responses: { 201: ok(CreatedApiKey, "Created; the key is shown this once") },
  });
  operation(registry, "staff", {
    method: "get",
    path: "/v1/api-keys",
    operationId: "listApiKeys",
    summary: "An agency's API keys with their last use, never their secrets",
    tags: [keys],
    security: staff,
    request: { headers: language, query: ApiKeysQuery },
    responses: { 200: ok(ApiKeyList, "The keys") },
  });
  operation(registry, "staff", {
    method: "delete",
    path: "/v1/api-keys/{keyId}",
    operationId: "revokeApiKey",
    summary: "Revoke an API key: every function refuses it within 30 s",
    tags: [keys],
    security: staff,
    request: { headers: language, params: z.object({ keyId: z.string() }) },
    responses: { 204: { description: "Revoked" } },
  });
  operation(registry, "apiKey", {
    method: "get",
    path: "/v1/sync/reports",
    operationId: "syncListReports",
    summary: "An agency's system reads its subtree's reports (agency:sync), as the inbox does",
    tags: [keys],
    security: keyed,
    request: { headers: language, query: InboxQuery },
    responses: { 200: ok(InboxPage, "Reports of the key's agency subtree, newest first") },
  });
  operation(registry, "apiKey", {
    method: "get",
    path: "/v1/sync/reports/{trackingId}",
    operationId: "syncGetReport",
    summary: "The staff view of a report in the key's agency subtree (agency:sync); 404 outside it",
    tags: [keys],
    security: keyed,
    request: { headers: language, params: trackingParams },
    responses: { 200: ok(ReportView, "The staff view") },
  });
  operation(registry, "apiKey", {
    method: "post",
    path: "/v1/sync/reports/{trackingId}/follow-ups",
    operationId: "syncAddFollowUp",
    summary: "Publish a follow-up as the key's agency (agency:sync), within a liaison officer's role rules",
    tags: [keys],
    security: keyed,
    request: { headers: language, params: trackingParams, body: body(FollowUpRequest) },
    responses: { 201: ok(FollowUpResult, "Published"), 409: conflict },
  });

  operation(registry, "staff", {
    method: "post",
    path: "/v1/exports",
    operationId: "requestExport",
    summary: "Export the lifecycle of your subtree's reports submitted in a date range, as CSV",
    description:
      "Written in the background (an HTTP API caps a response at 6 MB): one row per report with the instant of " +
      "each lifecycle step, deadlines met or missed and the rating — never contact details or report text, and " +
      "confidential reports only where you have need-to-know. Column labels follow Accept-Language. Poll " +
      "GET /v1/exports/{exportId}; the file is kept 7 days.",
    tags: ["Figures"],
    security: staff,
    request: { body: body(ExportRequest), headers: language },
    responses: {
      202: ok(
        z
          .object({ exportId: z.string(), status: z.literal("queued") })
          .register(z.globalRegistry, { id: "ExportAccepted" }),
        "Queued; the Location header is the export's status URL",
      ),
      404: errorResponse("agencyId unknown or outside your subtree"),
    },
  });
  operation(registry, "staff", {
    method: "get",
    path: "/v1/exports/{exportId}",
    operationId: "getExport",
    summary: "An export's status and, once ready, a download link valid 5 minutes (the requester only)",
    tags: ["Figures"],
    security: staff,
    request: { params: z.object({ exportId: z.string() }), headers: language },
    responses: {
      200: ok(ExportView, "Queued, running, or ready with its URL"),
      404: errorResponse("No such export, expired, or asked for by someone else"),
    },
  });

  // Attachments.
  const attachmentParams = z.extend(trackingParams, {
    attachmentId: z.string().check(z.meta({ example: "att-3kQ9vTzL1aBc" })),
  });
  const redirect = z.object({
    redirect: z
      .optional(z.enum(["1"]))
      .check(z.meta({ description: "1: answer 302 to the URL instead of JSON" })),
  });
  const AttachmentList = z
    .object({ attachments: z.array(AttachmentView) })
    .register(z.globalRegistry, { id: "AttachmentList" });
  const download = {
    200: ok(AttachmentDownload, "A presigned GET of the checked file, valid 5 minutes"),
    302: { description: "With redirect=1: Location is the presigned URL" },
    409: errorResponse("attachment_not_ready: not uploaded yet, still being checked, or rejected"),
  };
  const added = {
    201: ok(AddedAttachment, "Pending; POST the file to upload.url with upload.fields, the file last"),
    409: errorResponse("attachment_limit: the report has its maximum; or invalid_transition: it is closed"),
  };
  const uploadDescription =
    "The file goes straight to S3 with a presigned POST whose policy S3 enforces: this exact key, this " +
    "content type, at most the announced size. A check then verifies the magic bytes and strips metadata " +
    "(EXIF with GPS, XMP, IPTC, PNG text, MP4 location) without re-encoding; only the checked file is served.";
  operation(registry, "reporter", {
    method: "post",
    path: "/v1/reports/{trackingId}/attachments",
    operationId: "addAttachment",
    summary: "The reporter announces a photo, document or video and gets its presigned upload",
    description: uploadDescription,
    tags: ["Attachments"],
    request: {
      params: trackingParams,
      headers: z.extend(accessToken, language.shape),
      body: body(AttachmentRequest),
    },
    responses: added,
  });
  operation(registry, "public", {
    method: "get",
    path: "/v1/reports/{trackingId}/attachments",
    operationId: "listAttachments",
    summary:
      "Attachments: the public sees published ones of a public report; the reporter (X-Access-Token) all",
    tags: ["Attachments"],
    request: { params: trackingParams, headers: z.extend(z.partial(accessToken), language.shape) },
    responses: { 200: ok(AttachmentList, "What this caller may see") },
  });
  operation(registry, "public", {
    method: "get",
    path: "/v1/reports/{trackingId}/attachments/{attachmentId}",
    operationId: "getAttachment",
    summary: "A download link for one attachment this caller may see",
    tags: ["Attachments"],
    request: {
      params: attachmentParams,
      query: redirect,
      headers: z.extend(z.partial(accessToken), language.shape),
    },
    responses: download,
  });
  operation(registry, "staff", {
    method: "post",
    path: "/v1/staff/reports/{trackingId}/attachments",
    operationId: "addStaffAttachment",
    summary: "Staff in scope announce evidence (supervisors may not) and get its presigned upload",
    description: uploadDescription,
    tags: ["Attachments"],
    security: staff,
    request: { params: trackingParams, headers: language, body: body(AttachmentRequest) },
    responses: added,
  });
  operation(registry, "staff", {
    method: "get",
    path: "/v1/staff/reports/{trackingId}/attachments",
    operationId: "listStaffAttachments",
    summary: "Every attachment of a report you may read (an anonymous reporter's file names are generic)",
    tags: ["Attachments"],
    security: staff,
    request: { params: trackingParams, headers: language },
    responses: { 200: ok(AttachmentList, "All attachments, rejected ones with their reason") },
  });
  operation(registry, "staff", {
    method: "get",
    path: "/v1/staff/reports/{trackingId}/attachments/{attachmentId}",
    operationId: "getStaffAttachment",
    summary: "A download link for one attachment of a report you may read",
    tags: ["Attachments"],
    security: staff,
    request: { params: attachmentParams, query: redirect, headers: language },
    responses: download,
  });
  operation(registry, "staff", {
    method: "post",
    path: "/v1/staff/reports/{trackingId}/attachments/{attachmentId}/publish",
    operationId: "publishAttachment",
    summary: "Show a checked attachment to the public (liaison officer or agency admin)",
    tags: ["Attachments"],
    security: staff,
    request: { params: attachmentParams, headers: language },
    responses: { 200: ok(ReportView, "The staff view"), 409: conflict },
  });

  operation(registry, "reporter", {
    method: "post",
    path: "/v1/reports/{trackingId}/messages",
    operationId: "postMessage",
    summary: "The reporter writes to the staff; on hold, this supplies the missing information",
    tags: ["Reporter"],
    request: {
      params: trackingParams,
      headers: z.extend(accessToken, language.shape),
      body: body(MessageRequest),
    },
    responses: { 201: ok(ReportView, "The reporter's view"), 409: conflict },
  });

  operation(registry, "reporter", {
    method: "post",
    path: "/v1/reports/{trackingId}/feedback",
    operationId: "giveFeedback",
    summary: "Accept a proposed resolution with a rating (resolved) or reject it (reopened)",
    tags: ["Reporter"],
    request: {
      params: trackingParams,
      headers: z.extend(accessToken, language.shape),
      body: body(FeedbackRequest),
    },
    responses: { 200: ok(ReportView, "The reporter's view"), 409: conflict },
  });

  operation(registry, "reporter", {
    method: "post",
    path: "/v1/reports/{trackingId}/ombudsman",
    operationId: "forwardToOmbudsman",
    summary: "Record forwarding the case to the Ombudsman (once the resolution deadline has passed)",
    tags: ["Reporter"],
    request: { params: trackingParams, headers: z.extend(accessToken, language.shape) },
    responses: { 200: ok(ReportView, "The reporter's view"), 409: conflict },
  });

  operation(registry, "reporter", {
    method: "get",
    path: "/v1/reports/{trackingId}/case-file",
    operationId: "getCaseFile",
    summary:
      "The case file for the Ombudsman: chronology, dispositions, follow-ups, deadlines met and missed",
    description: "JSON by default; a printable HTML page with `?format=html` or `Accept: text/html`.",
    tags: ["Reporter"],
    request: {
      params: trackingParams,
      headers: z.extend(accessToken, language.shape),
      query: z.object({ format: z.optional(z.enum(["json", "html"])) }),
    },
    responses: {
      200: {
        description: "The case file",
        content: { "application/json": { schema: CaseFile }, "text/html": { schema: z.string() } },
      },
    },
  });

  operation(registry, "public", {
    method: "get",
    path: "/v1/public/reports",
    operationId: "listPublicReports",
    summary: "Verified, non-confidential reports, newest first (open data)",
    description:
      "A range of up to 90 days of submission (default: the last 90), read from a sparse index by month — " +
      "never a scan. A page may hold fewer than `limit` reports when filters leave some out; follow `cursor` " +
      "until it is absent. Never any reporter contact; anonymous reports are marked as such.",
    tags: ["Open data"],
    request: { query: PublicListingQuery, headers: language },
    responses: { 200: ok(PublicReportPage, "A page of public reports") },
  });
  operation(registry, "public", {
    method: "get",
    path: "/v1/public/stories",
    operationId: "listPublicStories",
    summary: "Success stories: resolved reports the reporter accepted with a rating of 4 or 5",
    description: "Same range, filters (but status) and paging as /v1/public/reports.",
    tags: ["Open data"],
    request: { query: PublicStoriesQuery, headers: language },
    responses: { 200: ok(PublicReportPage, "A page of success stories") },
  });

  operation(registry, "public", {
    method: "post",
    path: "/v1/reports/{trackingId}/access-token",
    operationId: "requestAccessToken",
    summary: "Lost the access token? E-mail a one-time code to the reporter's address on file",
    description:
      "Always 202 (unless the tracking ID is malformed): the answer tells nobody whether the report exists or " +
      "has an address. The code is valid 24 hours, at most 3 are sent a day, and the old token keeps working " +
      "until a code is confirmed.",
    tags: ["Reporter"],
    request: { params: trackingParams, headers: language },
    responses: {
      202: ok(
        z.object({ message: z.string() }).register(z.globalRegistry, { id: "AccessTokenRequested" }),
        "Accepted",
      ),
    },
  });
  operation(registry, "public", {
    method: "post",
    path: "/v1/reports/{trackingId}/access-token/confirm",
    operationId: "confirmAccessToken",
    summary: "Trade the one-time code for a new access token (the old one stops working)",
    tags: ["Reporter"],
    request: { params: trackingParams, headers: language, body: body(ConfirmAccessTokenRequest) },
    responses: {
      200: ok(NewAccessToken, "The new token"),
      400: errorResponse("invalid_recovery_code: wrong or expired, or another invalid field"),
      409: errorResponse("recovery_conflict: the token or codes changed meanwhile; retry"),
      429: {
        description:
          "too_many_attempts: 10 wrong codes in the last hour (Retry-After); or API Gateway's throttling (its own body)",
        headers: { "Retry-After": { schema: { type: "integer" } } },
        content: json(z.union([ErrorBody, GatewayError])),
      },
    },
  });

  // Open311 GeoReport v2: the specification defines the bodies; documented here for its paths.
  const geo = (description: string) => ({
    description,
    content: {
      "application/json": {
        schema: z.unknown().check(z.meta({ description: "As GeoReport v2 defines it" })),
      },
      "text/xml": { schema: z.string() },
    },
  });
  const geoErrors = {
    400: geo("Invalid input: `[{code: 400, description}]` (or `<errors>`)"),
    403: geo("api_key missing, invalid, revoked or without reports:create"),
    404: geo("Unknown resource, service or request (or a confidential one)"),
    429: geo("The key's per-minute limit; or API Gateway's throttling"),
  };
  const geoFile = z.object({
    file: z.string().check(z.meta({ description: "`<code or id>.json` or `.xml`" })),
  });
  operation(registry, "public", {
    method: "get",
    path: "/open311/v2/{resource}",
    operationId: "open311Read",
    summary: "Open311 GeoReport v2: discovery.{json,xml}, services.{json,xml}, requests.{json,xml}",
    description:
      "wiki.open311.org/GeoReport_v2. GET requests takes service_request_id (comma-separated, overrides the " +
      "rest), service_code, start_date and end_date (ISO 8601, at most 90 days apart; default the last 90), " +
      "status (open/closed), and the page/page_size extension (≤ 1,000). Only verified, non-confidential " +
      "reports are listed; never any contact.",
    tags: ["Open311"],
    request: { params: z.object({ resource: z.string() }) },
    responses: { 200: geo("The resource"), ...geoErrors },
  });
  for (const [kind, summary] of [
    ["services", "A service definition (no attributes: every service has metadata false)"],
    ["requests", "One service request, as the public tracking view allows (never a confidential one)"],
    ["tokens", "The service_request_id of a token (a filing's token is its service_request_id)"],
  ] as const)
    operation(registry, "public", {
      method: "get",
      path: `/open311/v2/${kind}/{file}`,
      operationId: `open311Read${kind[0]?.toUpperCase()}${kind.slice(1)}`,
      summary: `Open311 GeoReport v2: ${summary}`,
      tags: ["Open311"],
      request: { params: geoFile },
      responses: { 200: geo("The resource"), ...geoErrors },
    });
  operation(registry, "public", {
    method: "post",
    path: "/open311/v2/{resource}",
    operationId: "open311Create",
    summary: "Open311 GeoReport v2: POST requests.{json,xml} (form-encoded; api_key with reports:create)",
    description:
      "Fields: api_key, service_code, one location (lat+long, address_string or address_id), optional email, " +
      "first_name, last_name, phone, description (≤ 4,000 characters), media_url. Filed as a complaint titled " +
      "`<service name>: <the description's first words>`; the answer's service_request_id is its tracking ID.",
    tags: ["Open311"],
    request: { params: z.object({ resource: z.string() }) },
    responses: { 201: geo("Filed: `[{service_request_id, service_notice, account_id}]`"), ...geoErrors },
  });

  operation(registry, "public", {
    method: "get",
    path: "/v1/openapi.json",
    operationId: "getOpenApi",
    summary: "This document",
    tags: ["Meta"],
    responses: {
      200: { description: "OpenAPI 3.1 document", content: json(z.record(z.string(), z.unknown())) },
    },
  });

  return registry.document({
    info: {
      title: "Aduan API",
      version: "1.0.0",
      description:
        "Public-service complaint management modelled on SP4N-LAPOR!. Every error an Aduan handler answers is " +
        '`{"error", "message", "details", "requestId"}`, the message in Indonesian unless Accept-Language ' +
        "prefers English. What API Gateway answers by itself — a failed JWT check (401), throttling (429), an " +
        'integration failure (500) or timeout (503) — keeps its own `{"message"}` body (GatewayError). A path ' +
        "no route serves is 404 `route_not_found`; a wrong method on a known path is 405 with `Allow`.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "Reports", description: "Filing and tracking reports" },
      { name: "Reporter", description: "The reporter's side of the conversation (X-Access-Token)" },
      { name: "Staff", description: "Verification, disposition and follow-up (staff JWT)" },
      { name: "Directory", description: "Agencies and categories" },
      { name: "Meta", description: "About the API" },
    ],
  });
}
