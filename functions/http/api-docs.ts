/**
 * The api-docs function: 3 routes, each handled by its own module (functions/manifests/routes.ts
 * FUNCTION_GROUPS; the route key picks it).
 */
import { dispatch } from "../shared/dispatch";
import { handler as getDocs } from "./get-docs";
import { handler as getOpenapi } from "./get-openapi";

/** Route key → handler; a test holds it equal to the manifest's routes of api-docs. */
export const ROUTE_TABLE = {
  "GET /v1/openapi.json": getOpenapi,
  "GET /docs": getDocs,
  "GET /docs/{file}": getDocs,
};

export const handler = dispatch(ROUTE_TABLE);
