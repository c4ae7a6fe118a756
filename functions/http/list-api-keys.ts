import { text } from "../domain/text";
import { ApiKeysQuery } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, requestIdOf, validate } from "../shared/http";
import { listApiKeys } from "../use-cases/manage-api-keys";

/** GET /v1/api-keys?agencyId= — an agency's keys (default: the caller's), never their secrets. */
export const handler = httpHandler(async (event) => {
  const principal = principalOf(event);
  const { agencyId } = validate(
    ApiKeysQuery,
    event.queryStringParameters ?? {},
    text("Kueri tidak valid.", "Invalid query."),
  );
  const list = await listApiKeys(container(), principal, agencyId ?? principal.agencyId);
  return json(200, list, { requestId: requestIdOf(event) });
});
