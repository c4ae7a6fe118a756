import { HoldRequest } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { holdReport } from "../use-cases/hold-report";

/** POST /v1/reports/{trackingId}/hold — ask the reporter for more information (staff). */
export const handler = httpHandler(async (event) => {
  const { reason } = validate(HoldRequest, readJsonBody(event));
  const view = await holdReport(container(), principalOf(event), pathParam(event, "trackingId"), reason);
  return json(200, view, { requestId: requestIdOf(event) });
});
