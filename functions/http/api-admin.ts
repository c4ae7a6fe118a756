/**
 * The api-admin function: 12 routes, each handled by its own module (functions/manifests/routes.ts
 * FUNCTION_GROUPS; the route key picks it).
 */
import { dispatch } from "../shared/dispatch";
import { handler as createAgency } from "./create-agency";
import { handler as createApiKey } from "./create-api-key";
import { handler as deleteWebhook } from "./delete-webhook";
import { handler as getAgencyContacts } from "./get-agency-contacts";
import { handler as getAgencyReindex } from "./get-agency-reindex";
import { handler as listApiKeys } from "./list-api-keys";
import { handler as listWebhookDeliveries } from "./list-webhook-deliveries";
import { handler as listWebhooks } from "./list-webhooks";
import { handler as registerWebhook } from "./register-webhook";
import { handler as revokeApiKey } from "./revoke-api-key";
import { handler as setAgencyContacts } from "./set-agency-contacts";
import { handler as updateAgency } from "./update-agency";

/** Route key → handler; a test holds it equal to the manifest's routes of api-admin. */
export const ROUTE_TABLE = {
  "POST /v1/agencies": createAgency,
  "PATCH /v1/agencies/{agencyId}": updateAgency,
  "GET /v1/agencies/{agencyId}/reindex": getAgencyReindex,
  "GET /v1/agencies/{agencyId}/contacts": getAgencyContacts,
  "PUT /v1/agencies/{agencyId}/contacts": setAgencyContacts,
  "POST /v1/agencies/{agencyId}/webhooks": registerWebhook,
  "GET /v1/agencies/{agencyId}/webhooks": listWebhooks,
  "DELETE /v1/agencies/{agencyId}/webhooks/{webhookId}": deleteWebhook,
  "GET /v1/agencies/{agencyId}/webhook-deliveries": listWebhookDeliveries,
  "POST /v1/api-keys": createApiKey,
  "GET /v1/api-keys": listApiKeys,
  "DELETE /v1/api-keys/{keyId}": revokeApiKey,
};

export const handler = dispatch(ROUTE_TABLE);
