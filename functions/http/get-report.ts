import { container } from "../shared/container";
import { header, httpHandler, json, requestIdOf } from "../shared/http";
import { getReport } from "../use-cases/get-report";

/** GET /v1/reports/{trackingId} — public view, or the reporter's with X-Access-Token. */
export const handler = httpHandler(async (event) => {
  const view = await getReport(container(), {
    trackingId: event.pathParameters?.trackingId ?? "",
    accessToken: header(event, "x-access-token"),
  });
  return json(200, view, { requestId: requestIdOf(event) });
});
