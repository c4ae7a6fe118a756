import { container } from "../shared/container";
import { httpHandler, json, requestIdOf } from "../shared/http";
import { listAgencies } from "../use-cases/list-agencies";

/** GET /v1/agencies — the public agency directory. */
export const handler = httpHandler(async (event) => {
  const agencies = await listAgencies(container());
  return json(
    200,
    { agencies },
    { requestId: requestIdOf(event), headers: { "cache-control": "public, max-age=300" } },
  );
});
