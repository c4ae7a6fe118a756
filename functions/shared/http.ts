/**
 * The HTTP edge shared by every route: the middy chain, body parsing, validation, responses and
 * the one place where errors become HTTP (PRODUCT.md §6 error shape).
 */
import middy from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import type * as z from "zod";
import { DomainError, type ErrorDetail, type ErrorKind, invalidInput } from "../domain/errors";
import { logger } from "./logger";

/** API Gateway HTTP API (payload v2) event; staff routes carry JWT claims from the authorizer. */
export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2["requestContext"] & {
    authorizer?: {
      jwt?: { claims: Record<string, string | number | boolean | string[]>; scopes?: string[] };
    };
  };
};
export type HttpResponse = APIGatewayProxyStructuredResultV2;
export type RouteFunction = (event: HttpEvent, context: Context) => Promise<HttpResponse>;

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  throttled: 429,
};

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export function httpHandler(route: RouteFunction) {
  return middy<HttpEvent, HttpResponse>()
    .use(errorMapper()) // registered first so that its onError runs last, after any other middleware
    .handler(route);
}

function errorMapper(): middy.MiddlewareObj<HttpEvent, HttpResponse> {
  return {
    onError: async (request) => {
      request.response = errorResponse(request.error, requestIdOf(request.event));
    },
  };
}

export function errorResponse(error: unknown, requestId: string): HttpResponse {
  if (error instanceof DomainError) {
    if (STATUS[error.kind] >= 500) logger.error("domain error", { error, requestId });
    return json(
      STATUS[error.kind],
      { error: error.code, message: error.message, details: error.details, requestId },
      { requestId },
    );
  }
  logger.error("unhandled error", { error: error as Error, requestId });
  return json(
    500,
    {
      error: "internal_error",
      message: "Something went wrong on our side. Please try again; quote the request id if you contact us.",
      details: [],
      requestId,
    },
    { requestId },
  );
}

export function requestIdOf(event: HttpEvent | undefined): string {
  return event?.requestContext?.requestId ?? "unknown";
}

export function json(
  statusCode: number,
  body: unknown,
  options: { requestId?: string; headers?: Record<string, string> } = {},
): HttpResponse {
  return {
    statusCode,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "no-store",
      ...(options.requestId && { "x-request-id": options.requestId }),
      ...options.headers,
    },
    body: JSON.stringify(body),
  };
}

/** Header lookup that does not depend on the caller's capitalisation. */
export function header(event: HttpEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

/** Parses a JSON body: 413 over `maxBytes`, 415 for a non-JSON content type, 400 for bad JSON. */
export function readJsonBody(event: HttpEvent, maxBytes = DEFAULT_MAX_BODY_BYTES): unknown {
  const raw = event.body ?? "";
  const bytes = event.isBase64Encoded ? Buffer.from(raw, "base64") : Buffer.from(raw, "utf8");
  if (bytes.length > maxBytes) {
    throw new DomainError("too_large", "payload_too_large", `The request body exceeds ${maxBytes} bytes.`);
  }
  const contentType = header(event, "content-type");
  if (contentType !== undefined && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new DomainError("invalid", "unsupported_media_type", "Send the body as application/json.", [
      { field: "Content-Type", message: `expected application/json, got ${contentType}` },
    ]);
  }
  if (bytes.length === 0) throw invalidInput("The request body is empty; a JSON object is expected.", []);
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new DomainError("invalid", "invalid_json", "The request body is not valid JSON.");
  }
}

/** Validates with a zod schema; every issue becomes a detail naming its field. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  message = "Invalid request.",
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details: ErrorDetail[] = result.error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    // A strict object names each unknown member as a field of its own.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        field: [...at, key].join("."),
        message: "unknown field or parameter",
      }));
    }
    return [{ field: at.length > 0 ? at.join(".") : "(body)", message: issue.message }];
  });
  throw invalidInput(message, details);
}

/** A path parameter API Gateway guarantees by the route; empty string if called off-route. */
export function pathParam(event: HttpEvent, name: string): string {
  return event.pathParameters?.[name] ?? "";
}
