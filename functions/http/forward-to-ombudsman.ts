import { container } from "../shared/container";
import { header, httpHandler, json, pathParam, requestIdOf } from "../shared/http";
import { forwardToOmbudsman } from "../use-cases/forward-to-ombudsman";

/** POST /v1/reports/{trackingId}/ombudsman — the reporter forwards an overdue case (X-Access-Token). */
export const handler = httpHandler(async (event) => {
  const view = await forwardToOmbudsman(
    container(),
    pathParam(event, "trackingId"),
    header(event, "x-access-token"),
  );
  return json(200, view, { requestId: requestIdOf(event) });
});
