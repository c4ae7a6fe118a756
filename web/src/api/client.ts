/**
 * The app's only way to the API: openapi-fetch over the types generated from the API's OpenAPI
 * document (web/scripts/api-types.ts), same origin (no CORS), every request in the reader's
 * language, staff requests with the signed-in member's token.
 */
import createClient, { type Middleware } from "openapi-fetch";
import { currentLang } from "../i18n";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];

let bearer: string | undefined;

/** The staff token the console sends (undefined: signed out). */
export function setBearer(token: string | undefined): void {
  bearer = token;
}

const headers: Middleware = {
  onRequest({ request }) {
    request.headers.set("Accept-Language", currentLang());
    if (bearer && !request.headers.has("Authorization"))
      request.headers.set("Authorization", `Bearer ${bearer}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: location.origin });
api.use(headers);

/** What a failed call says to a person: the API's own message (in their language), or the status. */
export function problemOf(error: unknown, response: Response): string {
  const body = error as Partial<Schemas["Error"]> & { message?: string };
  const details = body?.details?.map((d) => `${d.field}: ${d.message}`).join("; ");
  return [body?.message ?? `HTTP ${response.status}`, details].filter(Boolean).join(" — ");
}

/**
 * The JSON body of an operation that can also answer CSV or HTML (stats, rankings, case file): the
 * app asks for JSON, the types allow either, this narrows.
 */
export function asJson<T>(data: T | string | undefined): T | undefined {
  return typeof data === "string" ? undefined : data;
}

/** A fresh key for one form: a double tap or a retry of the same form files once. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
