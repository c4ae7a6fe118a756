import { attachmentPorts } from "../shared/attachment-files";
import { attachmentResponse } from "../shared/attachment-response";
import { container } from "../shared/container";
import { header, httpHandler, pathParam } from "../shared/http";
import { getAttachment } from "../use-cases/get-attachment";

/** GET /v1/reports/{trackingId}/attachments/{attachmentId}[?redirect=1] — a 5-minute download link. */
export const handler = httpHandler(async (event) =>
  attachmentResponse(
    event,
    await getAttachment(
      attachmentPorts(container()),
      { kind: "public-or-reporter", accessToken: header(event, "x-access-token") },
      pathParam(event, "trackingId"),
      pathParam(event, "attachmentId"),
    ),
  ),
);
