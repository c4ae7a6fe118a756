import { DispatchRequest } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { dispatchReport } from "../use-cases/dispatch-report";

/** POST /v1/reports/{trackingId}/dispatch — route the report down the agency tree (staff). */
export const handler = httpHandler(async (event) => {
  const input = validate(DispatchRequest, readJsonBody(event));
  const view = await dispatchReport(container(), principalOf(event), pathParam(event, "trackingId"), input);
  return json(200, view, { requestId: requestIdOf(event) });
});
