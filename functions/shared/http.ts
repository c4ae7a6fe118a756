/**
 * The HTTP edge shared by every route: the middy chain, body parsing, validation, responses and
 * the one place where errors become HTTP (PRODUCT.md §6 error shape).
 */
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy from "@middy/core";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import type * as z from "zod/mini";
import { DomainError, detail, type ErrorDetail, type ErrorKind, invalidInput } from "../domain/errors";
import { type Locale, localeFrom, type Text, text } from "../domain/text";
import { logger } from "./logger";
import { within } from "./time-limit";
import { issueText } from "./validation-text";

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
  method_not_allowed: 405,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  timeout: 504,
};

/** Seconds a client should wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 2;
/** A handler answers 504 itself when less than this is left of its Lambda's time. */
export const TIMEOUT_MARGIN_MS = 1000;

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export function httpHandler(route: RouteFunction) {
  return middy<HttpEvent, HttpResponse>()
    .use(errorMapper()) // registered first so that its onError runs last, after any other middleware
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(correlated())
    .handler(withDeadline(route));
}

/** Every log line of a request carries its API Gateway request id: the id the client sees. */
function correlated(): middy.MiddlewareObj<HttpEvent, HttpResponse> {
  return {
    before: async (request) => {
      logger.setCorrelationId(requestIdOf(request.event));
    },
  };
}

/**
 * Races the route against the Lambda's own clock: with less than TIMEOUT_MARGIN_MS left, the client
 * gets a 504 in the error shape instead of Lambda's bare timeout (a 500 from API Gateway). The
 * abandoned work has no effect the client could rely on: every write is conditional, so a retry
 * is safe.
 */
function withDeadline(route: RouteFunction): RouteFunction {
  return async (event, context) => {
    const budget = (context.getRemainingTimeInMillis?.() ?? Number.POSITIVE_INFINITY) - TIMEOUT_MARGIN_MS;
    if (!Number.isFinite(budget)) return route(event, context);
    return within(route(event, context), budget, () => {
      throw new DomainError(
        "timeout",
        "timeout",
        text(
          "Permintaan memakan waktu terlalu lama; silakan coba lagi.",
          "The request took too long; please try again.",
        ),
      );
    });
  };
}

function errorMapper(): middy.MiddlewareObj<HttpEvent, HttpResponse> {
  return {
    onError: async (request) => {
      const locale = localeFrom(request.event ? header(request.event, "accept-language") : undefined);
      request.response = errorResponse(request.error, requestIdOf(request.event), locale);
    },
  };
}

/**
 * The one place errors become HTTP: the status of the error's kind, the body of PRODUCT.md §6 in
 * the reader's language (Indonesian unless Accept-Language prefers English); codes never change.
 */
export function errorResponse(error: unknown, requestId: string, locale: Locale = "id"): HttpResponse {
  const known = error instanceof DomainError ? error : unavailableError(error);
  if (known) {
    if (STATUS[known.kind] >= 500) logger.warn("service error", { error: error as Error, requestId });
    const details = known.details.map((d) => ({ field: d.field, message: d.message[locale] }));
    return json(
      STATUS[known.kind],
      { error: known.code, message: known.text[locale], details, requestId },
      {
        requestId,
        headers: {
          ...known.headers,
          ...(known.kind === "unavailable" && { "retry-after": String(RETRY_AFTER_SECONDS) }),
        },
      },
    );
  }
  logger.error("unhandled error", { error: error as Error, requestId });
  return json(
    500,
    {
      error: "internal_error",
      message: text(
        "Terjadi kesalahan di pihak kami. Silakan coba lagi; sebutkan request id ini jika Anda menghubungi kami.",
        "Something went wrong on our side. Please try again; quote the request id if you contact us.",
      )[locale],
      details: [],
      requestId,
    },
    { requestId },
  );
}

/** AWS SDK and network failures that mean "the store is busy or unreachable": worth a retry. */
const UNAVAILABLE_NAMES = new Set([
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
]);
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENOTFOUND",
]);
const RETRYABLE_CANCELLATIONS = new Set(["ThrottlingError", "TransactionConflict"]);

export function unavailableError(error: unknown): DomainError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as NodeJS.ErrnoException).code;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  const retryable =
    UNAVAILABLE_NAMES.has(error.name) ||
    (code !== undefined && UNAVAILABLE_CODES.has(code)) ||
    (error.name === "TransactionCanceledException" &&
      reasons.some((r) => RETRYABLE_CANCELLATIONS.has(r.Code ?? ""))) ||
    (error.cause !== undefined && error.cause !== error && unavailableError(error.cause) !== undefined);
  return retryable
    ? new DomainError(
        "unavailable",
        "service_unavailable",
        text(
          `Layanan sedang sibuk atau sebentar tidak tersedia; silakan coba lagi dalam ${RETRY_AFTER_SECONDS} detik.`,
          `The service is busy or briefly unavailable; please retry in ${RETRY_AFTER_SECONDS} seconds.`,
        ),
      )
    : undefined;
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

/**
 * Parses a JSON body: 413 over `maxBytes`, 415 for a non-JSON content type, 400 for bad JSON. With
 * `optional`, an empty body is `{}` (actions whose every field is optional, such as verify).
 */
export function readJsonBody(
  event: HttpEvent,
  options: { readonly maxBytes?: number; readonly optional?: boolean } = {},
): unknown {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  const raw = event.body ?? "";
  const bytes = event.isBase64Encoded ? Buffer.from(raw, "base64") : Buffer.from(raw, "utf8");
  if (bytes.length > maxBytes) {
    throw new DomainError(
      "too_large",
      "payload_too_large",
      text(`Isi permintaan melebihi ${maxBytes} bita.`, `The request body exceeds ${maxBytes} bytes.`),
    );
  }
  const contentType = header(event, "content-type");
  if (bytes.length === 0 && options.optional) return {};
  if (contentType !== undefined && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new DomainError(
      "unsupported_media_type",
      "unsupported_media_type",
      text("Kirim isi permintaan sebagai application/json.", "Send the body as application/json."),
      [
        detail(
          "Content-Type",
          `seharusnya application/json, diterima ${contentType}`,
          `expected application/json, got ${contentType}`,
        ),
      ],
    );
  }
  if (bytes.length === 0) {
    throw invalidInput(
      text(
        "Isi permintaan kosong; seharusnya berupa objek JSON.",
        "The request body is empty; a JSON object is expected.",
      ),
      [],
    );
  }
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new DomainError(
      "invalid",
      "invalid_json",
      text("Isi permintaan bukan JSON yang valid.", "The request body is not valid JSON."),
    );
  }
}

/** Validates with a zod schema; every issue becomes a detail naming its field. */
export function validate<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  message: Text = text("Permintaan tidak valid.", "Invalid request."),
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details: ErrorDetail[] = result.error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    // A strict object names each unknown member as a field of its own.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) =>
        detail([...at, key].join("."), "isian atau parameter tidak dikenal", "unknown field or parameter"),
      );
    }
    return [{ field: at.length > 0 ? at.join(".") : "(body)", message: issueText(issue) }];
  });
  throw invalidInput(message, details);
}

/** A path parameter API Gateway guarantees by the route; empty string if called off-route. */
export function pathParam(event: HttpEvent, name: string): string {
  return event.pathParameters?.[name] ?? "";
}
