import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, requestIdOf } from "../shared/http";
import { getAgencyContacts } from "../use-cases/manage-agency-channels";

/** GET /v1/agencies/{agencyId}/contacts — the agency's notification e-mails (its agency admins). */
export const handler = httpHandler(async (event) => {
  const contacts = await getAgencyContacts(container(), principalOf(event), pathParam(event, "agencyId"));
  return json(200, contacts, { requestId: requestIdOf(event) });
});
