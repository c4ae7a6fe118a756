/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests.
 * Local-only helpers (/_local) are deliberately absent: they do not exist in AWS.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import * as z from "zod";
import {
  Agency,
  AgencyList,
  ArchiveRequest,
  CaseFile,
  CategoryTree,
  CreateAgencyRequest,
  DispatchRequest,
  ErrorBody,
  FeedbackRequest,
  FollowUpRequest,
  FollowUpResult,
  HoldRequest,
  InboxPage,
  InboxQuery,
  MessageRequest,
  ReindexJob,
  ReportView,
  ReturnRequest,
  SubmitReportReceipt,
  SubmitReportRequest,
  TrackingIdParam,
  UpdateAgencyRequest,
  VerifyRequest,
} from "./api-schemas";

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorBody } },
});

const commonErrors = {
  429: errorResponse("Throttled: too many requests"),
  500: errorResponse("Unexpected error; the body never reveals internals"),
};

export function buildOpenApiDocument(): ReturnType<OpenApiGeneratorV31["generateDocument"]> {
  const registry = new OpenAPIRegistry();

  registry.registerPath({
    method: "post",
    path: "/v1/reports",
    operationId: "submitReport",
    summary: "File a report",
    description:
      "Files a complaint, aspiration or information request. Send an Idempotency-Key so that a retry never " +
      "creates a second report: the same key with the same body returns the first receipt (same tracking ID " +
      "and access token); the same key with a different body is a 409.",
    tags: ["Reports"],
    request: {
      headers: z.object({
        "Idempotency-Key": z
          .string()
          .min(16)
          .max(255)
          .optional()
          .meta({ description: "16–255 visible ASCII characters; a UUID v4 is ideal" }),
      }),
      body: { required: true, content: { "application/json": { schema: SubmitReportRequest } } },
    },
    responses: {
      201: {
        description: "Report filed (or the first receipt, replayed)",
        content: { "application/json": { schema: SubmitReportReceipt } },
      },
      400: errorResponse("Invalid input: every offending field is named in details"),
      409: errorResponse("Idempotency-Key reused with a different body"),
      413: errorResponse("Body too large"),
      ...commonErrors,
    },
  });

  registry.registerPath({
    method: "get",
    path: "/v1/reports/{trackingId}",
    operationId: "getReport",
    summary: "Track a report",
    description:
      "The public view of a report and its timeline. With X-Access-Token (from the receipt) the reporter's " +
      "own view, which adds their contact details. Confidential reports are 404 without the token.",
    tags: ["Reports"],
    request: {
      params: z.object({ trackingId: TrackingIdParam }),
      headers: z.object({
        "X-Access-Token": z.string().optional().meta({ description: "The reporter's secret" }),
      }),
    },
    responses: {
      200: {
        description: "The report as this caller may see it",
        content: { "application/json": { schema: ReportView } },
      },
      400: errorResponse("Malformed tracking ID (wrong length, characters or check character)"),
      404: errorResponse("Unknown, or not visible to this caller"),
      ...commonErrors,
    },
  });

  registry.registerPath({
    method: "get",
    path: "/v1/categories",
    operationId: "listCategories",
    summary: "The category tree",
    tags: ["Directory"],
    responses: {
      200: { description: "Categories", content: { "application/json": { schema: CategoryTree } } },
      ...commonErrors,
    },
  });

  registry.registerPath({
    method: "get",
    path: "/v1/agencies",
    operationId: "listAgencies",
    summary: "The agency directory",
    tags: ["Directory"],
    responses: {
      200: { description: "Agencies", content: { "application/json": { schema: AgencyList } } },
      ...commonErrors,
    },
  });

  const bearer = registry.registerComponent("securitySchemes", "staffJwt", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      "A Cognito ID token: group = role (national_admin, agency_admin, unit_admin, liaison_officer, supervisor), " +
      "custom:agency_id = the staff member's agency. Locally: POST /_local/token.",
  });
  const staff = [{ [bearer.name]: [] }];
  const trackingParams = z.object({ trackingId: TrackingIdParam });
  const accessToken = z.object({
    "X-Access-Token": z.string().meta({ description: "The reporter's secret" }),
  });
  const ok = (schema: z.ZodType, description: string) => ({
    description,
    content: { "application/json": { schema } },
  });
  const actionErrors = {
    400: errorResponse("Invalid input or tracking ID"),
    401: errorResponse("No valid credentials"),
    403: errorResponse("In scope but not allowed for this role (e.g. a supervisor acting)"),
    404: errorResponse("Unknown report, or outside the caller's agency subtree"),
    409: errorResponse("invalid_transition: not allowed in the current status, or someone else acted first"),
    ...commonErrors,
  };

  const staffActions: [string, string, string, z.ZodType | undefined][] = [
    ["verify", "verifyReport", "Verify (and optionally dispatch) a submitted report", VerifyRequest],
    ["hold", "holdReport", "Ask the reporter for more information (on_hold)", HoldRequest],
    [
      "archive",
      "archiveReport",
      "Archive without processing (unintelligible, out of scope, duplicate, spam)",
      ArchiveRequest,
    ],
    ["dispatch", "dispatchReport", "Dispatch to an agency or unit below the current one", DispatchRequest],
    ["return", "returnReport", "Return as not our authority (bukan wewenang)", ReturnRequest],
  ];
  for (const [action, operationId, summary, body] of staffActions) {
    registry.registerPath({
      method: "post",
      path: `/v1/reports/{trackingId}/${action}`,
      operationId,
      summary,
      tags: ["Staff"],
      security: staff,
      request: {
        params: trackingParams,
        ...(body && { body: { required: true, content: { "application/json": { schema: body } } } }),
      },
      responses: { 200: ok(ReportView, "The report as staff see it now"), ...actionErrors },
    });
  }

  registry.registerPath({
    method: "post",
    path: "/v1/reports/{trackingId}/follow-ups",
    operationId: "addFollowUp",
    summary:
      "Add a follow-up: a draft from a unit admin, published at once from a liaison officer or agency admin",
    tags: ["Staff"],
    security: staff,
    request: {
      params: trackingParams,
      body: { required: true, content: { "application/json": { schema: FollowUpRequest } } },
    },
    responses: { 201: ok(FollowUpResult, "The follow-up and the report"), ...actionErrors },
  });

  registry.registerPath({
    method: "post",
    path: "/v1/reports/{trackingId}/follow-ups/{followUpId}/publish",
    operationId: "publishFollowUp",
    summary: "Publish a unit's draft follow-up (liaison officer or agency admin)",
    tags: ["Staff"],
    security: staff,
    request: { params: trackingParams.extend({ followUpId: z.string() }) },
    responses: { 200: ok(FollowUpResult, "The published follow-up and the report"), ...actionErrors },
  });

  registry.registerPath({
    method: "get",
    path: "/v1/staff/reports/{trackingId}",
    operationId: "getStaffReport",
    summary: "The staff view of a report in your agency's subtree",
    tags: ["Staff"],
    security: staff,
    request: { params: trackingParams },
    responses: {
      200: ok(ReportView, "Staff view"),
      400: actionErrors[400],
      401: actionErrors[401],
      404: actionErrors[404],
    },
  });

  registry.registerPath({
    method: "get",
    path: "/v1/inbox",
    operationId: "listInbox",
    summary: "Reports of your agency's subtree with one status, newest first",
    tags: ["Staff"],
    security: staff,
    request: { query: InboxQuery },
    responses: {
      200: ok(InboxPage, "A page of summaries; pass `cursor` back for the next"),
      400: actionErrors[400],
      401: actionErrors[401],
      404: errorResponse("agencyId unknown or outside your subtree"),
    },
  });

  registry.registerPath({
    method: "post",
    path: "/v1/agencies",
    operationId: "createAgency",
    summary: "Add an agency (national admin)",
    tags: ["Directory"],
    security: staff,
    request: { body: { required: true, content: { "application/json": { schema: CreateAgencyRequest } } } },
    responses: {
      201: ok(Agency, "Created"),
      400: errorResponse("Invalid, or would break the tree (cycle, missing parent)"),
      401: actionErrors[401],
      403: actionErrors[403],
      409: errorResponse("Id taken"),
    },
  });

  registry.registerPath({
    method: "patch",
    path: "/v1/agencies/{agencyId}",
    operationId: "updateAgency",
    summary: "Rename, re-level or move an agency (national admin)",
    tags: ["Directory"],
    security: staff,
    request: {
      params: z.object({ agencyId: z.string() }),
      body: { required: true, content: { "application/json": { schema: UpdateAgencyRequest } } },
    },
    responses: {
      200: ok(Agency, "Updated"),
      400: errorResponse("Invalid, or would break the tree"),
      401: actionErrors[401],
      403: actionErrors[403],
      404: errorResponse("Unknown agency"),
    },
  });

  registry.registerPath({
    method: "get",
    path: "/v1/agencies/{agencyId}/reindex",
    operationId: "getAgencyReindex",
    summary: "Progress of re-indexing an agency's reports after its latest move (national admin)",
    description:
      "Access follows a move at once; the stored ancestry and inbox indexes of the subtree's reports are " +
      "rewritten in the background, 100 reports a step. A repeated PATCH with the same parentId resumes a " +
      "stalled job.",
    tags: ["Directory"],
    security: staff,
    request: { params: z.object({ agencyId: z.string() }) },
    responses: {
      200: ok(ReindexJob, "The job of the agency's latest move"),
      401: actionErrors[401],
      403: actionErrors[403],
      404: errorResponse("Unknown agency, or never moved"),
    },
  });

  registry.registerPath({
    method: "post",
    path: "/v1/reports/{trackingId}/messages",
    operationId: "postMessage",
    summary: "The reporter writes to the staff; on hold, this supplies the missing information",
    tags: ["Reporter"],
    request: {
      params: trackingParams,
      headers: accessToken,
      body: { required: true, content: { "application/json": { schema: MessageRequest } } },
    },
    responses: { 201: ok(ReportView, "The reporter's view"), ...actionErrors },
  });

  registry.registerPath({
    method: "post",
    path: "/v1/reports/{trackingId}/feedback",
    operationId: "giveFeedback",
    summary: "Accept a proposed resolution with a rating (resolved) or reject it (reopened)",
    tags: ["Reporter"],
    request: {
      params: trackingParams,
      headers: accessToken,
      body: { required: true, content: { "application/json": { schema: FeedbackRequest } } },
    },
    responses: { 200: ok(ReportView, "The reporter's view"), ...actionErrors },
  });

  registry.registerPath({
    method: "post",
    path: "/v1/reports/{trackingId}/ombudsman",
    operationId: "forwardToOmbudsman",
    summary: "Record forwarding the case to the Ombudsman (once the resolution deadline has passed)",
    tags: ["Reporter"],
    request: { params: trackingParams, headers: accessToken },
    responses: { 200: ok(ReportView, "The reporter's view"), ...actionErrors },
  });

  registry.registerPath({
    method: "get",
    path: "/v1/reports/{trackingId}/case-file",
    operationId: "getCaseFile",
    summary:
      "The case file for the Ombudsman: chronology, dispositions, follow-ups, deadlines met and missed",
    description: "JSON by default; a printable HTML page with `?format=html` or `Accept: text/html`.",
    tags: ["Reporter"],
    request: {
      params: trackingParams,
      headers: accessToken,
      query: z.object({ format: z.enum(["json", "html"]).optional() }),
    },
    responses: {
      200: {
        description: "The case file",
        content: { "application/json": { schema: CaseFile }, "text/html": { schema: z.string() } },
      },
      ...actionErrors,
    },
  });

  registry.registerPath({
    method: "get",
    path: "/v1/openapi.json",
    operationId: "getOpenApi",
    summary: "This document",
    tags: ["Meta"],
    responses: { 200: { description: "OpenAPI 3.1 document" } },
  });

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Aduan API",
      version: "1.0.0",
      description:
        "Public-service complaint management modelled on SP4N-LAPOR!. Errors are always " +
        '`{"error", "message", "details", "requestId"}`.',
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
