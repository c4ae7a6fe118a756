import { text } from "../domain/text";
import { WebhookDeliveriesQuery } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, requestIdOf, validate } from "../shared/http";
import { listWebhookDeliveries } from "../use-cases/manage-agency-channels";

/** GET /v1/agencies/{agencyId}/webhook-deliveries?webhookId=&limit= — the delivery log, newest first. */
export const handler = httpHandler(async (event) => {
  const query = validate(
    WebhookDeliveriesQuery,
    event.queryStringParameters ?? {},
    text("Kueri log pengiriman tidak valid.", "Invalid delivery log query."),
  );
  const log = await listWebhookDeliveries(container(), principalOf(event), pathParam(event, "agencyId"), {
    ...(query.webhookId && { webhookId: query.webhookId }),
    limit: query.limit ?? 50,
  });
  return json(200, log, { requestId: requestIdOf(event) });
});
