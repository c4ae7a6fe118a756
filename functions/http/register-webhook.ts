import { RegisterWebhookRequest } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { registerWebhook } from "../use-cases/register-webhook";

/** POST /v1/agencies/{agencyId}/webhooks — register a receiver; the signing secret is shown this once. */
export const handler = httpHandler(async (event) => {
  const input = validate(RegisterWebhookRequest, readJsonBody(event));
  const agencyId = pathParam(event, "agencyId");
  const webhook = await registerWebhook(container(), principalOf(event), agencyId, input);
  return json(201, webhook, { requestId: requestIdOf(event) });
});
