import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, requestIdOf } from "../shared/http";
import { getReindexJob } from "../use-cases/manage-agencies";

/** GET /v1/agencies/{agencyId}/reindex — progress of re-indexing after the agency's latest move (national admin). */
export const handler = httpHandler(async (event) => {
  const job = await getReindexJob(container(), principalOf(event), pathParam(event, "agencyId"));
  return json(200, job, { requestId: requestIdOf(event) });
});
