import { ConfirmAccessTokenRequest } from "../shared/api-schemas";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { confirmAccessToken } from "../use-cases/confirm-access-token";

/** POST /v1/reports/{trackingId}/access-token/confirm — a one-time code for a new access token. */
export const handler = httpHandler(async (event) => {
  const { code } = validate(ConfirmAccessTokenRequest, readJsonBody(event));
  const token = await confirmAccessToken(container(), pathParam(event, "trackingId"), code);
  return json(200, token, { requestId: requestIdOf(event) });
});
