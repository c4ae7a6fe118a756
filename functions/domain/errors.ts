/**
 * Domain errors carry a stable code (clients switch on it) and a kind that the HTTP error mapper
 * (functions/shared/http.ts) turns into a status. Nothing else decides status codes.
 */

export type ErrorKind =
  | "invalid" // 400
  | "unauthorized" // 401
  | "forbidden" // 403
  | "not_found" // 404
  | "method_not_allowed" // 405
  | "conflict" // 409
  | "too_large" // 413
  | "unsupported_media_type" // 415
  | "throttled" // 429
  | "unavailable" // 503 (a dependency is throttled or unreachable: retry later)
  | "timeout"; // 504 (the handler ran out of time)

export interface ErrorDetail {
  /** Dotted path of the offending field (`location.lat`), or the header/parameter name. */
  readonly field: string;
  readonly message: string;
}

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    /** Response headers the answer needs (`Allow` on a 405). @default none */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export const invalidInput = (message: string, details: readonly ErrorDetail[]) =>
  new DomainError("invalid", "invalid_input", message, details);

export const reportNotFound = (trackingId: string) =>
  new DomainError("not_found", "report_not_found", `No report ${trackingId} is visible to you.`);
