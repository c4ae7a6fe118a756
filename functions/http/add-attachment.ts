import { AttachmentRequest } from "../shared/api-schemas";
import { attachmentPorts } from "../shared/attachment-files";
import { container } from "../shared/container";
import { header, httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { addAttachment } from "../use-cases/add-attachment";

/** POST /v1/reports/{trackingId}/attachments — the reporter (X-Access-Token) announces a file and gets its upload. */
export const handler = httpHandler(async (event) => {
  const input = validate(AttachmentRequest, readJsonBody(event));
  const added = await addAttachment(
    attachmentPorts(container()),
    { kind: "reporter", accessToken: header(event, "x-access-token") },
    pathParam(event, "trackingId"),
    input,
  );
  return json(201, added, { requestId: requestIdOf(event) });
});
