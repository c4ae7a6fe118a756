import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, requestIdOf } from "../shared/http";
import { getAgencyReindex } from "../use-cases/get-agency-reindex";

/** GET /v1/agencies/{agencyId}/reindex — progress of re-indexing after the agency's latest move (national admin). */
export const handler = httpHandler(async (event) => {
  const job = await getAgencyReindex(container(), principalOf(event), pathParam(event, "agencyId"));
  return json(200, job, { requestId: requestIdOf(event) });
});
