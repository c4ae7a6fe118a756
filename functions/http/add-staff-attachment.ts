import { AttachmentRequest } from "../shared/api-schemas";
import { attachmentPorts } from "../shared/attachment-files";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { addAttachment } from "../use-cases/add-attachment";

/** POST /v1/staff/reports/{trackingId}/attachments — staff in scope announce a file (e.g. a follow-up's evidence). */
export const handler = httpHandler(async (event) => {
  const input = validate(AttachmentRequest, readJsonBody(event));
  const added = await addAttachment(
    attachmentPorts(container()),
    { kind: "staff", principal: principalOf(event) },
    pathParam(event, "trackingId"),
    input,
  );
  return json(201, added, { requestId: requestIdOf(event) });
});
