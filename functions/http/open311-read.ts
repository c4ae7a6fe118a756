import { open311Discovery } from "../domain/open311";
import { container } from "../shared/container";
import { httpHandler, requestIdOf } from "../shared/http";
import { open311Error, open311Response } from "../shared/open311-format";
import { Open311ListQuery, open311Answer, open311BaseUrl, open311Path } from "../shared/open311-http";
import {
  getOpen311Request,
  listOpen311Requests,
  open311ServiceDefinition,
  open311ServiceList,
  open311Token,
} from "../use-cases/open311";

/**
 * GET /open311/v2/{discovery|services|requests}.{json|xml}, services/{code}.{fmt},
 * requests/{id}.{fmt}, tokens/{token}.{fmt} — Open311 GeoReport v2's reads (public).
 */
export const handler = httpHandler(async (event) => {
  const requestId = requestIdOf(event);
  const resource = open311Path(event);
  if (!resource)
    return open311Error(404, "json", "Unknown resource: add .json or .xml to a GeoReport v2 path", requestId);
  const { path, format } = resource;
  return open311Answer(event, format, async () => {
    const [first, second, extra] = path;
    if (extra === undefined && second === undefined) {
      if (first === "discovery")
        return open311Response(
          200,
          format,
          "discovery",
          open311Discovery(
            open311BaseUrl(event),
            `${open311BaseUrl(event).replace(/\/open311\/v2$/, "")}/docs`,
          ),
          requestId,
        );
      if (first === "services")
        return open311Response(
          200,
          format,
          "services",
          [...(await open311ServiceList(container()))],
          requestId,
        );
      if (first === "requests") {
        const query = Open311ListQuery.safeParse(event.queryStringParameters ?? {});
        if (!query.success)
          return open311Error(
            400,
            format,
            query.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
            requestId,
          );
        return open311Response(
          200,
          format,
          "service_requests",
          [...(await listOpen311Requests(container(), query.data))],
          requestId,
        );
      }
    }
    if (extra === undefined && second !== undefined) {
      if (first === "services")
        return open311Response(
          200,
          format,
          "service_definition",
          await open311ServiceDefinition(container(), second),
          requestId,
        );
      if (first === "requests")
        return open311Response(
          200,
          format,
          "service_requests",
          [...(await getOpen311Request(container(), second))],
          requestId,
        );
      if (first === "tokens")
        return open311Response(
          200,
          format,
          "service_requests",
          await open311Token(container(), second),
          requestId,
        );
    }
    return open311Error(404, format, `Unknown resource ${path.join("/")}.${format}`, requestId);
  });
});
