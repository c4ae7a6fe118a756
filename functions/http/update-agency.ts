import { UpdateAgencyRequest } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { withQueue } from "../shared/queue";
import { updateAgency } from "../use-cases/update-agency";

/** PATCH /v1/agencies/{agencyId} — rename, re-level or move an agency (national admin). */
export const handler = httpHandler(async (event) => {
  const patch = validate(UpdateAgencyRequest, readJsonBody(event));
  const agency = await updateAgency(
    withQueue(container()),
    principalOf(event),
    pathParam(event, "agencyId"),
    patch,
  );
  return json(200, agency, { requestId: requestIdOf(event) });
});
