import { MessageRequest } from "../shared/api-schemas";
import { container } from "../shared/container";
import { header, httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { postMessage } from "../use-cases/post-message";

/** POST /v1/reports/{trackingId}/messages — the reporter replies (X-Access-Token). */
export const handler = httpHandler(async (event) => {
  const { message } = validate(MessageRequest, readJsonBody(event));
  const view = await postMessage(
    container(),
    pathParam(event, "trackingId"),
    header(event, "x-access-token"),
    message,
  );
  return json(201, view, { requestId: requestIdOf(event) });
});
