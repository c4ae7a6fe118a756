import { DomainError } from "../domain/errors";
import { text } from "../domain/text";
import { readDocsAsset, SWAGGER_PAGE } from "../shared/docs-assets";
import { type HttpResponse, httpHandler } from "../shared/http";

/** GET /docs and /docs/{file} — Swagger UI over /v1/openapi.json, served offline from the bundle. */
export const handler = httpHandler(async (event): Promise<HttpResponse> => {
  const file = event.pathParameters?.file;
  if (file === undefined) {
    return { statusCode: 200, headers: { "content-type": "text/html; charset=utf-8" }, body: SWAGGER_PAGE };
  }
  const asset = await readDocsAsset(file);
  if (!asset)
    throw new DomainError(
      "not_found",
      "not_found",
      text(`Berkas dokumentasi ${file} tidak ada.`, `No documentation file ${file}.`),
    );
  return {
    statusCode: 200,
    headers: { "content-type": asset.contentType, "cache-control": "public, max-age=86400" },
    body: asset.body.toString("base64"),
    isBase64Encoded: true,
  };
});
