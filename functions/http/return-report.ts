import { ReturnRequest } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { returnReport } from "../use-cases/return-report";

/** POST /v1/reports/{trackingId}/return — "bukan wewenang": back to whoever dispatched it (staff). */
export const handler = httpHandler(async (event) => {
  const { reason } = validate(ReturnRequest, readJsonBody(event));
  const view = await returnReport(container(), principalOf(event), pathParam(event, "trackingId"), reason);
  return json(200, view, { requestId: requestIdOf(event) });
});
