import { localeFrom } from "../domain/text";
import { container } from "../shared/container";
import { header, httpHandler, json, pathParam, requestIdOf } from "../shared/http";
import { listAttachments } from "../use-cases/list-attachments";

/** GET /v1/reports/{trackingId}/attachments — the public's (published) or, with X-Access-Token, the reporter's. */
export const handler = httpHandler(async (event) => {
  const { attachments } = await listAttachments(
    container(),
    { kind: "public-or-reporter", accessToken: header(event, "x-access-token") },
    pathParam(event, "trackingId"),
    localeFrom(header(event, "accept-language")),
  );
  return json(200, { attachments }, { requestId: requestIdOf(event) });
});
