/**
 * How the figures routes answer: JSON, or CSV when asked with `format=csv` or `Accept: text/csv`
 * (labels in the reader's language). Public and the same for everyone, so caches may keep them
 * for a minute.
 */
import { localeFrom } from "../domain/text";
import { CSV_CONTENT_TYPE } from "./csv";
import { type HttpEvent, type HttpResponse, header, json, requestIdOf } from "./http";

export function wantsCsv(event: HttpEvent, format: "json" | "csv" | undefined): boolean {
  if (format !== undefined) return format === "csv";
  const accept = header(event, "accept") ?? "";
  return /(^|,)\s*text\/csv/i.test(accept) && !/(^|,)\s*application\/json/i.test(accept);
}

export function figuresResponse<T>(
  event: HttpEvent,
  format: "json" | "csv" | undefined,
  body: T,
  csv: (body: T, locale: "id" | "en") => string,
  fileName: string,
): HttpResponse {
  const headers = { "cache-control": "public, max-age=60", vary: "accept, accept-language" };
  if (!wantsCsv(event, format)) return json(200, body, { requestId: requestIdOf(event), headers });
  const locale = localeFrom(header(event, "accept-language"));
  return {
    statusCode: 200,
    headers: {
      "content-type": CSV_CONTENT_TYPE,
      "content-disposition": `attachment; filename="${fileName}"`,
      "content-language": locale,
      "x-request-id": requestIdOf(event),
      ...headers,
    },
    body: csv(body, locale),
  };
}
