import { localeFrom } from "../domain/text";
import { principalOf } from "../shared/auth";
import { container } from "../shared/container";
import { header, httpHandler, json, pathParam, requestIdOf } from "../shared/http";
import { listAttachments } from "../use-cases/list-attachments";

/** GET /v1/staff/reports/{trackingId}/attachments — every attachment, for staff who may read the report. */
export const handler = httpHandler(async (event) => {
  const { attachments } = await listAttachments(
    container(),
    { kind: "staff", principal: principalOf(event) },
    pathParam(event, "trackingId"),
    localeFrom(header(event, "accept-language")),
  );
  return json(200, { attachments }, { requestId: requestIdOf(event) });
});
