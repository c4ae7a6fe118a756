import { ArchiveRequest } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { archiveReport } from "../use-cases/archive-report";

/** POST /v1/reports/{trackingId}/archive — close without processing, with a reason (staff). */
export const handler = httpHandler(async (event) => {
  const input = validate(ArchiveRequest, readJsonBody(event));
  const view = await archiveReport(container(), principalOf(event), pathParam(event, "trackingId"), input);
  return json(200, view, { requestId: requestIdOf(event) });
});
