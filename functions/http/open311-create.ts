import { container } from "../shared/container";
import { httpHandler, requestIdOf } from "../shared/http";
import { open311Error, open311Response } from "../shared/open311-format";
import { formOf, open311Answer, open311Path } from "../shared/open311-http";
import { withTokenSecrets } from "../shared/token-secrets";
import { createOpen311Request } from "../use-cases/open311";

/** POST /open311/v2/requests.{json|xml} — file a service request (form-encoded; api_key with reports:create). */
export const handler = httpHandler(async (event) => {
  const requestId = requestIdOf(event);
  const resource = open311Path(event);
  if (resource?.path.join("/") !== "requests")
    return open311Error(
      404,
      resource?.format ?? "json",
      "Only requests.json and requests.xml accept POST",
      requestId,
    );
  const { format } = resource;
  const form = formOf(event);
  if (!form)
    return open311Error(400, format, "The body must be application/x-www-form-urlencoded", requestId);
  return open311Answer(event, format, async () => {
    const { api_key: apiKey, ...filing } = form;
    const created = await createOpen311Request(withTokenSecrets(container()), apiKey, filing);
    return open311Response(201, format, "service_requests", created, requestId);
  });
});
