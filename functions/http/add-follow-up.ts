import { FollowUpRequest } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { addFollowUp } from "../use-cases/add-follow-up";

/** POST /v1/reports/{trackingId}/follow-ups — a draft (unit admin) or a published follow-up (staff). */
export const handler = httpHandler(async (event) => {
  const input = validate(FollowUpRequest, readJsonBody(event));
  const result = await addFollowUp(container(), principalOf(event), pathParam(event, "trackingId"), input);
  return json(201, result, { requestId: requestIdOf(event) });
});
