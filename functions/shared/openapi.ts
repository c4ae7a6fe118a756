/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests.
 * Local-only helpers (/_local) are deliberately absent: they do not exist in AWS.
 */
import { OpenApiGeneratorV31, OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import * as z from "zod";
import {
  AgencyList,
  CategoryTree,
  ErrorBody,
  ReportView,
  SubmitReportReceipt,
  SubmitReportRequest,
  TrackingIdParam,
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
      201: { description: "Report filed (or the first receipt, replayed)", content: { "application/json": { schema: SubmitReportReceipt } } },
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
      headers: z.object({ "X-Access-Token": z.string().optional().meta({ description: "The reporter's secret" }) }),
    },
    responses: {
      200: { description: "The report as this caller may see it", content: { "application/json": { schema: ReportView } } },
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
    responses: { 200: { description: "Categories", content: { "application/json": { schema: CategoryTree } } }, ...commonErrors },
  });

  registry.registerPath({
    method: "get",
    path: "/v1/agencies",
    operationId: "listAgencies",
    summary: "The agency directory",
    tags: ["Directory"],
    responses: { 200: { description: "Agencies", content: { "application/json": { schema: AgencyList } } }, ...commonErrors },
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
      { name: "Directory", description: "Agencies and categories" },
      { name: "Meta", description: "About the API" },
    ],
  });
}
