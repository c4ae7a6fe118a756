import { CreateAgencyRequest } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, readJsonBody, requestIdOf, validate } from "../shared/http";
import { createAgency } from "../use-cases/create-agency";

/** POST /v1/agencies — add an agency to the directory (national admin). */
export const handler = httpHandler(async (event) => {
  const input = validate(CreateAgencyRequest, readJsonBody(event));
  const agency = await createAgency(container(), principalOf(event), input);
  return json(201, agency, {
    requestId: requestIdOf(event),
    headers: { location: `/v1/agencies/${agency.id}` },
  });
});
