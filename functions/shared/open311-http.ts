/**
 * What both Open311 handlers share: the resource and format a path names, the form body of a
 * POST, the listing query, and the one place a domain error becomes Open311's error answer (400,
 * 403, 404 — and 429 / 503 where Aduan's own limits apply).
 */
import type { ErrorKind } from "../domain/errors";
import { DomainError } from "../domain/errors";
import type { Open311Format } from "../domain/open311";
import * as z from "../domain/zod";
import { type HttpEvent, type HttpResponse, header, RETRY_AFTER_SECONDS, requestIdOf } from "./http";
import { open311Error } from "./open311-format";

export const OPEN311_PREFIX = "/open311/v2/";

/** `services/health.clinic.json` → {path: ["services", "health.clinic"], format: "json"}. */
export function open311Path(
  event: HttpEvent,
): { readonly path: string[]; readonly format: Open311Format } | undefined {
  const raw = decodeURIComponent(event.rawPath ?? "");
  if (!raw.startsWith(OPEN311_PREFIX)) return undefined;
  const rest = raw.slice(OPEN311_PREFIX.length);
  const match = /^(.*)\.(json|xml)$/.exec(rest);
  if (!match?.[1]) return undefined;
  return { path: match[1].split("/"), format: match[2] as Open311Format };
}

/** The endpoint's own base URL, as the caller reached it (for the discovery document). */
export function open311BaseUrl(event: HttpEvent): string {
  const host = header(event, "x-forwarded-host") ?? header(event, "host") ?? event.requestContext.domainName;
  const proto =
    header(event, "x-forwarded-proto") ??
    (host?.startsWith("127.0.0.1") || host?.startsWith("localhost") ? "http" : "https");
  return `${proto}://${host}${OPEN311_PREFIX.slice(0, -1)}`;
}

/** A form-encoded body (API Gateway may hand it base64-encoded). */
export function formOf(event: HttpEvent): Record<string, string> | undefined {
  if (!/^application\/x-www-form-urlencoded\b/i.test(header(event, "content-type") ?? "")) return undefined;
  const body = event.isBase64Encoded
    ? Buffer.from(event.body ?? "", "base64").toString("utf8")
    : (event.body ?? "");
  return Object.fromEntries(new URLSearchParams(body));
}

const dateTime = z.iso.datetime({ offset: true });

export const Open311ListQuery = z.object({
  jurisdiction_id: z.optional(z.string()),
  service_request_id: z.optional(z.string().check(z.maxLength(20_000))),
  service_code: z.optional(z.string().check(z.maxLength(100))),
  start_date: z.optional(dateTime),
  end_date: z.optional(dateTime),
  status: z.optional(z.enum(["open", "closed"])),
  page: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(10_000))),
  page_size: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(1000))),
});

const STATUS: Partial<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthorized: 403,
  forbidden: 403,
  not_found: 404,
  rate_limited: 429,
  unavailable: 503,
};

/** Runs an Open311 operation, answering a domain error in Open311's shape and format. */
export async function open311Answer(
  event: HttpEvent,
  format: Open311Format,
  run: () => Promise<HttpResponse>,
): Promise<HttpResponse> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof DomainError) || STATUS[error.kind] === undefined) throw error;
    const status = STATUS[error.kind] ?? 400;
    const description =
      error.details.length > 0
        ? error.details.map((d) => `${d.field}: ${d.message.en}`).join("; ")
        : error.text.en;
    const answer = open311Error(status, format, description, requestIdOf(event));
    return {
      ...answer,
      headers: {
        ...answer.headers,
        ...error.headers,
        ...(status === 503 && { "retry-after": String(RETRY_AFTER_SECONDS) }),
      },
    };
  }
}
