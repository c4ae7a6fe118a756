import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, pathParam, requestIdOf } from "../shared/http";
import { revokeApiKey } from "../use-cases/manage-api-keys";

/** DELETE /v1/api-keys/{keyId} — revoke a key; every function refuses it within 30 s. */
export const handler = httpHandler(async (event) => {
  await revokeApiKey(container(), principalOf(event), pathParam(event, "keyId"));
  return { statusCode: 204, headers: { "x-request-id": requestIdOf(event), "cache-control": "no-store" } };
});
