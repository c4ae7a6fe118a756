import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, requestIdOf } from "../shared/http";
import { publishFollowUp } from "../use-cases/publish-follow-up";

/** POST /v1/reports/{trackingId}/follow-ups/{followUpId}/publish — publish a unit's draft (staff). */
export const handler = httpHandler(async (event) => {
  const result = await publishFollowUp(
    container(),
    principalOf(event),
    pathParam(event, "trackingId"),
    pathParam(event, "followUpId"),
  );
  return json(200, result, { requestId: requestIdOf(event) });
});
