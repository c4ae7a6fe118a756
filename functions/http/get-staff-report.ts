import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, requestIdOf } from "../shared/http";
import { getStaffReport } from "../use-cases/get-staff-report";

/** GET /v1/staff/reports/{trackingId} — the staff view of a report in the caller's scope. */
export const handler = httpHandler(async (event) => {
  const view = await getStaffReport(container(), principalOf(event), pathParam(event, "trackingId"));
  return json(200, view, { requestId: requestIdOf(event) });
});
