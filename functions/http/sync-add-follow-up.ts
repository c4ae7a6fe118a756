import { FollowUpRequest } from "../shared/api-schemas";
import { syncPrincipalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { addFollowUp } from "../use-cases/add-follow-up";

/** POST /v1/sync/reports/{trackingId}/follow-ups — an agency's system publishes a follow-up as the agency (X-Api-Key, agency:sync). */
export const handler = httpHandler(async (event) => {
  const principal = await syncPrincipalOf(event, container());
  const input = validate(FollowUpRequest, readJsonBody(event));
  const result = await addFollowUp(container(), principal, pathParam(event, "trackingId"), input);
  return json(201, result, { requestId: requestIdOf(event) });
});
