/**
 * The api-public-writes function: 7 routes, each handled by its own module (functions/manifests/routes.ts
 * FUNCTION_GROUPS; the route key picks it).
 */
import { dispatch } from "../shared/dispatch";
import { handler as confirmAccessToken } from "./confirm-access-token";
import { handler as forwardToOmbudsman } from "./forward-to-ombudsman";
import { handler as giveFeedback } from "./give-feedback";
import { handler as open311Create } from "./open311-create";
import { handler as postMessage } from "./post-message";
import { handler as requestAccessToken } from "./request-access-token";
import { handler as submitReport } from "./submit-report";

/** Route key → handler; a test holds it equal to the manifest's routes of api-public-writes. */
export const ROUTE_TABLE = {
  "POST /v1/reports": submitReport,
  "POST /v1/reports/{trackingId}/messages": postMessage,
  "POST /v1/reports/{trackingId}/feedback": giveFeedback,
  "POST /v1/reports/{trackingId}/ombudsman": forwardToOmbudsman,
  "POST /v1/reports/{trackingId}/access-token": requestAccessToken,
  "POST /v1/reports/{trackingId}/access-token/confirm": confirmAccessToken,
  "POST /open311/v2/{resource}": open311Create,
};

export const handler = dispatch(ROUTE_TABLE);
