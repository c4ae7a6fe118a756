/**
 * The api-sync function: 3 routes, each handled by its own module (functions/manifests/routes.ts
 * FUNCTION_GROUPS; the route key picks it).
 */
import { dispatch } from "../shared/dispatch";
import { handler as syncAddFollowUp } from "./sync-add-follow-up";
import { handler as syncGetReport } from "./sync-get-report";
import { handler as syncListReports } from "./sync-list-reports";

/** Route key → handler; a test holds it equal to the manifest's routes of api-sync. */
export const ROUTE_TABLE = {
  "GET /v1/sync/reports": syncListReports,
  "GET /v1/sync/reports/{trackingId}": syncGetReport,
  "POST /v1/sync/reports/{trackingId}/follow-ups": syncAddFollowUp,
};

export const handler = dispatch(ROUTE_TABLE);
