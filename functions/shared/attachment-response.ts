/**
 * One attachment's answer: `{url, expiresAt, contentType}`, or with `?redirect=1` a 302 to the URL
 * (for a plain link). Never cached: the URL expires.
 */
import type { AttachmentDownload } from "../use-cases/get-attachment";
import { type HttpEvent, type HttpResponse, json, requestIdOf } from "./http";

export function attachmentResponse(event: HttpEvent, download: AttachmentDownload): HttpResponse {
  if (event.queryStringParameters?.redirect === "1")
    return {
      statusCode: 302,
      headers: { location: download.url, "cache-control": "no-store", "x-request-id": requestIdOf(event) },
      body: "",
    };
  return json(200, download, { requestId: requestIdOf(event) });
}
