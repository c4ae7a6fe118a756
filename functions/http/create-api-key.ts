import { CreateApiKeyRequest } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, readJsonBody, requestIdOf, validate } from "../shared/http";
import { createApiKey } from "../use-cases/manage-api-keys";

/** POST /v1/api-keys — a key for a machine of an agency in the caller's subtree; shown this once. */
export const handler = httpHandler(async (event) => {
  const input = validate(CreateApiKeyRequest, readJsonBody(event));
  const key = await createApiKey(container(), principalOf(event), input);
  return json(201, key, { requestId: requestIdOf(event) });
});
