import { renderCaseFileHtml } from "../domain/case-file";
import { container } from "../shared/container";
import { header, httpHandler, json, pathParam, requestIdOf } from "../shared/http";
import { getCaseFile } from "../use-cases/get-case-file";

/** GET /v1/reports/{trackingId}/case-file — JSON, or a printable page with ?format=html or Accept: text/html. */
export const handler = httpHandler(async (event) => {
  const ports = container();
  const file = await getCaseFile(ports, pathParam(event, "trackingId"), header(event, "x-access-token"));
  const html =
    event.queryStringParameters?.format === "html" || /text\/html/.test(header(event, "accept") ?? "");
  if (!html) return json(200, file, { requestId: requestIdOf(event) });
  return {
    statusCode: 200,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "x-request-id": requestIdOf(event),
    },
    body: renderCaseFileHtml(file, ports.rules.calendar),
  };
});
