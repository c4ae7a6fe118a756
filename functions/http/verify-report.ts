import { VerifyRequest } from "../shared/api-schemas";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { verifyReport } from "../use-cases/verify-report";

/** POST /v1/reports/{trackingId}/verify — accept a report, optionally dispatching it (staff). */
export const handler = httpHandler(async (event) => {
  const input = validate(VerifyRequest, readJsonBody(event, { optional: true }));
  const view = await verifyReport(container(), principalOf(event), pathParam(event, "trackingId"), input);
  return json(200, view, { requestId: requestIdOf(event) });
});
