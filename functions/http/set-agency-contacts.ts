import { AgencyContacts } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { setAgencyContacts } from "../use-cases/manage-agency-channels";

/** PUT /v1/agencies/{agencyId}/contacts — replace the agency's notification e-mails (its agency admins). */
export const handler = httpHandler(async (event) => {
  const { emails } = validate(AgencyContacts, readJsonBody(event));
  const contacts = await setAgencyContacts(
    container(),
    principalOf(event),
    pathParam(event, "agencyId"),
    emails,
  );
  return json(200, contacts, { requestId: requestIdOf(event) });
});
