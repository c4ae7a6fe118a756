import { FeedbackRequest } from "../shared/api-schemas";
import { container } from "../shared/container";
import { header, httpHandler, json, pathParam, readJsonBody, requestIdOf, validate } from "../shared/http";
import { giveFeedback } from "../use-cases/give-feedback";

/** POST /v1/reports/{trackingId}/feedback — the reporter accepts (with a rating) or rejects a resolution. */
export const handler = httpHandler(async (event) => {
  const feedback = validate(FeedbackRequest, readJsonBody(event));
  const view = await giveFeedback(
    container(),
    pathParam(event, "trackingId"),
    header(event, "x-access-token"),
    feedback,
  );
  return json(200, view, { requestId: requestIdOf(event) });
});
