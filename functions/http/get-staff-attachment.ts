import { attachmentPorts } from "../shared/attachment-files";
import { attachmentResponse } from "../shared/attachment-response";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, pathParam } from "../shared/http";
import { getAttachment } from "../use-cases/get-attachment";

/** GET /v1/staff/reports/{trackingId}/attachments/{attachmentId}[?redirect=1] — for staff who may read the report. */
export const handler = httpHandler(async (event) =>
  attachmentResponse(
    event,
    await getAttachment(
      attachmentPorts(container()),
      { kind: "staff", principal: principalOf(event) },
      pathParam(event, "trackingId"),
      pathParam(event, "attachmentId"),
    ),
  ),
);
