import { httpHandler, json, requestIdOf } from "../shared/http";
import { buildOpenApiDocument } from "../shared/openapi";

let document: ReturnType<typeof buildOpenApiDocument> | undefined;

/** GET /v1/openapi.json — generated once per container from the zod schemas. */
export const handler = httpHandler(async (event) => {
  document ??= buildOpenApiDocument();
  return json(200, document, {
    requestId: requestIdOf(event),
    headers: { "cache-control": "public, max-age=300" },
  });
});
