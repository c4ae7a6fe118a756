import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, requestIdOf } from "../shared/http";
import { publishAttachment } from "../use-cases/publish-attachment";

/** POST /v1/staff/reports/{trackingId}/attachments/{attachmentId}/publish — show a checked file to the public. */
export const handler = httpHandler(async (event) => {
  const view = await publishAttachment(
    container(),
    principalOf(event),
    pathParam(event, "trackingId"),
    pathParam(event, "attachmentId"),
  );
  return json(200, view, { requestId: requestIdOf(event) });
});
