/**
 * The api-files function: 2 routes, each handled by its own module (functions/manifests/routes.ts
 * FUNCTION_GROUPS; the route key picks it).
 */
import { dispatch } from "../shared/dispatch";
import { handler as addAttachment } from "./add-attachment";
import { handler as getAttachment } from "./get-attachment";

/** Route key → handler; a test holds it equal to the manifest's routes of api-files. */
export const ROUTE_TABLE = {
  "POST /v1/reports/{trackingId}/attachments": addAttachment,
  "GET /v1/reports/{trackingId}/attachments/{attachmentId}": getAttachment,
};

export const handler = dispatch(ROUTE_TABLE);
