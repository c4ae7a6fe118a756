import { syncPrincipalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, requestIdOf } from "../shared/http";
import { getStaffReport } from "../use-cases/get-staff-report";

/** GET /v1/sync/reports/{trackingId} — the staff view of a report in the key's agency subtree (X-Api-Key, agency:sync). */
export const handler = httpHandler(async (event) => {
  const principal = await syncPrincipalOf(event, container());
  const view = await getStaffReport(container(), principal, pathParam(event, "trackingId"));
  return json(200, view, { requestId: requestIdOf(event) });
});
