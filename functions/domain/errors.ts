/**
 * Domain errors carry a stable code (clients switch on it), a kind that the HTTP error mapper
 * (functions/shared/http.ts) turns into a status, and a message in Indonesian and English (the
 * mapper picks by Accept-Language). Nothing else decides status codes.
 */
import { type Text, text } from "./text";

export type ErrorKind =
  | "invalid" // 400
  | "unauthorized" // 401
  | "forbidden" // 403
  | "not_found" // 404
  | "method_not_allowed" // 405
  | "conflict" // 409
  | "too_large" // 413
  | "unsupported_media_type" // 415
  | "rate_limited" // 429 (too many attempts: retry after the Retry-After header's seconds)
  | "unavailable" // 503 (a dependency is throttled or unreachable: retry later)
  | "timeout"; // 504 (the handler ran out of time)

/**
 * Every code an Aduan handler answers with, in one closed list (a typo is a type error; the
 * OpenAPI document enumerates them). `internal_error` is the mapper's own, for unexpected errors.
 */
export const ERROR_CODES = [
  "invalid_input",
  "invalid_json",
  "invalid_cursor",
  "invalid_tracking_id",
  "invalid_directory",
  "invalid_due_action",
  "unauthorized",
  "forbidden",
  "invalid_access_token",
  "not_found",
  "report_not_found",
  "agency_not_found",
  "follow_up_not_found",
  "reindex_job_not_found",
  "export_not_found",
  "attachment_not_found",
  "attachment_limit",
  "attachment_not_ready",
  "webhook_not_found",
  "webhook_limit",
  "invalid_webhook_url",
  "invalid_recovery_code",
  "too_many_attempts",
  "recovery_conflict",
  "api_key_required",
  "invalid_api_key",
  "api_key_not_found",
  "too_many_requests",
  "route_not_found",
  "method_not_allowed",
  "invalid_transition",
  "idempotency_key_reused",
  "idempotency_replay_unavailable",
  "agency_exists",
  "reindex_in_progress",
  "payload_too_large",
  "unsupported_media_type",
  "service_unavailable",
  "timeout",
  "internal_error",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetail {
  /** Dotted path of the offending field (`location.lat`), or the header/parameter name. */
  readonly field: string;
  readonly message: Text;
}

export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    readonly text: Text,
    readonly details: readonly ErrorDetail[] = [],
    /** Response headers the answer needs (`Allow` on a 405). @default none */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(text.en);
  }
}

export const invalidInput = (message: Text, details: readonly ErrorDetail[]) =>
  new DomainError("invalid", "invalid_input", message, details);

export const reportNotFound = (trackingId: string) =>
  new DomainError(
    "not_found",
    "report_not_found",
    text(
      `Laporan ${trackingId} tidak ditemukan atau tidak dapat Anda lihat.`,
      `No report ${trackingId} is visible to you.`,
    ),
  );

/** A detail in both languages. */
export const detail = (field: string, id: string, en: string): ErrorDetail => ({
  field,
  message: text(id, en),
});

/** A problem in deployment configuration (calendar, SLA): read by deployers, in English. */
export interface ConfigProblem {
  readonly field: string;
  readonly message: string;
}

/** A list cursor the caller changed, or one handed out for another list (400). */
export const invalidCursor = () =>
  new DomainError(
    "invalid",
    "invalid_cursor",
    text(
      "Kursor ini bukan kursor yang diberikan oleh daftar ini.",
      "The cursor is not one this list handed out.",
    ),
    [
      detail(
        "cursor",
        "kirim kembali kursor halaman sebelumnya tanpa diubah, dengan status yang sama",
        "pass back the cursor of the previous page unchanged, with the same status",
      ),
    ],
  );
