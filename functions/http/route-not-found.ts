import { DomainError, detail } from "../domain/errors";
import { text } from "../domain/text";
import { ROUTES } from "../manifests/routes";
import { httpHandler } from "../shared/http";
import { allowedMethods } from "../shared/route-matcher";

/**
 * The `$default` route: a request no route matched. A path some route serves, asked with another
 * method, is 405 with `Allow`; anything else is 404 `route_not_found`.
 */
export const handler = httpHandler(async (event) => {
  const method = event.requestContext.http.method;
  const path = event.rawPath;
  const allow = allowedMethods(ROUTES, path);
  if (allow.length > 0) {
    throw new DomainError(
      "method_not_allowed",
      "method_not_allowed",
      text(`Metode ${method} tidak diizinkan untuk ${path}.`, `${method} is not allowed on ${path}.`),
      [detail("method", `yang diizinkan: ${allow.join(", ")}`, `allowed: ${allow.join(", ")}`)],
      { allow: allow.join(", ") },
    );
  }
  throw new DomainError(
    "not_found",
    "route_not_found",
    text(`Tidak ada rute untuk ${method} ${path}.`, `No route for ${method} ${path}.`),
  );
});
