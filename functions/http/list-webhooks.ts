import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, requestIdOf } from "../shared/http";
import { listWebhooks } from "../use-cases/manage-agency-channels";

/** GET /v1/agencies/{agencyId}/webhooks — the agency's receivers, without their secrets. */
export const handler = httpHandler(async (event) => {
  const list = await listWebhooks(container(), principalOf(event), pathParam(event, "agencyId"));
  return json(200, list, { requestId: requestIdOf(event) });
});
