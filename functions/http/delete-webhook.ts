import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, pathParam, requestIdOf } from "../shared/http";
import { deleteWebhook } from "../use-cases/manage-agency-channels";

/** DELETE /v1/agencies/{agencyId}/webhooks/{webhookId} — stop deliveries to a receiver (pending ones are dropped). */
export const handler = httpHandler(async (event) => {
  await deleteWebhook(
    container(),
    principalOf(event),
    pathParam(event, "agencyId"),
    pathParam(event, "webhookId"),
  );
  return { statusCode: 204, headers: { "x-request-id": requestIdOf(event), "cache-control": "no-store" } };
});
