/**
 * The api-staff function: 15 routes, each handled by its own module (functions/manifests/routes.ts
 * FUNCTION_GROUPS; the route key picks it).
 */
import { dispatch } from "../shared/dispatch";
import { handler as addFollowUp } from "./add-follow-up";
import { handler as addStaffAttachment } from "./add-staff-attachment";
import { handler as archiveReport } from "./archive-report";
import { handler as dispatchReport } from "./dispatch-report";
import { handler as getExport } from "./get-export";
import { handler as getStaffAttachment } from "./get-staff-attachment";
import { handler as getStaffReport } from "./get-staff-report";
import { handler as holdReport } from "./hold-report";
import { handler as listInbox } from "./list-inbox";
import { handler as listStaffAttachments } from "./list-staff-attachments";
import { handler as publishAttachment } from "./publish-attachment";
import { handler as publishFollowUp } from "./publish-follow-up";
import { handler as requestExport } from "./request-export";
import { handler as returnReport } from "./return-report";
import { handler as verifyReport } from "./verify-report";

/** Route key → handler; a test holds it equal to the manifest's routes of api-staff. */
export const ROUTE_TABLE = {
  "GET /v1/inbox": listInbox,
  "GET /v1/staff/reports/{trackingId}": getStaffReport,
  "POST /v1/staff/reports/{trackingId}/attachments": addStaffAttachment,
  "GET /v1/staff/reports/{trackingId}/attachments": listStaffAttachments,
  "GET /v1/staff/reports/{trackingId}/attachments/{attachmentId}": getStaffAttachment,
  "POST /v1/staff/reports/{trackingId}/attachments/{attachmentId}/publish": publishAttachment,
  "POST /v1/reports/{trackingId}/verify": verifyReport,
  "POST /v1/reports/{trackingId}/hold": holdReport,
  "POST /v1/reports/{trackingId}/archive": archiveReport,
  "POST /v1/reports/{trackingId}/dispatch": dispatchReport,
  "POST /v1/reports/{trackingId}/return": returnReport,
  "POST /v1/reports/{trackingId}/follow-ups": addFollowUp,
  "POST /v1/reports/{trackingId}/follow-ups/{followUpId}/publish": publishFollowUp,
  "POST /v1/exports": requestExport,
  "GET /v1/exports/{exportId}": getExport,
};

export const handler = dispatch(ROUTE_TABLE);
