/**
 * The api-public-reads function: 14 routes, each handled by its own module (functions/manifests/routes.ts
 * FUNCTION_GROUPS; the route key picks it).
 */
import { dispatch } from "../shared/dispatch";
import { handler as getCaseFile } from "./get-case-file";
import { handler as getReport } from "./get-report";
import { handler as getStats } from "./get-stats";
import { handler as getStatsRankings } from "./get-stats-rankings";
import { handler as listAgencies } from "./list-agencies";
import { handler as listAttachments } from "./list-attachments";
import { handler as listCategories } from "./list-categories";
import { handler as listPublicReports } from "./list-public-reports";
import { handler as listPublicStories } from "./list-public-stories";
import { handler as open311Read } from "./open311-read";
import { handler as routeNotFound } from "./route-not-found";

/** Route key → handler; a test holds it equal to the manifest's routes of api-public-reads. */
export const ROUTE_TABLE = {
  "GET /v1/reports/{trackingId}": getReport,
  "GET /v1/categories": listCategories,
  "GET /v1/agencies": listAgencies,
  "GET /v1/stats": getStats,
  "GET /v1/stats/rankings": getStatsRankings,
  "GET /v1/public/reports": listPublicReports,
  "GET /v1/public/stories": listPublicStories,
  "GET /v1/reports/{trackingId}/case-file": getCaseFile,
  "GET /v1/reports/{trackingId}/attachments": listAttachments,
  "GET /open311/v2/{resource}": open311Read,
  "GET /open311/v2/services/{file}": open311Read,
  "GET /open311/v2/requests/{file}": open311Read,
  "GET /open311/v2/tokens/{file}": open311Read,
  "ANY $default": routeNotFound,
};

export const handler = dispatch(ROUTE_TABLE);
