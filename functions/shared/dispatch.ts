/**
 * One Lambda function serving several routes (functions/manifests/routes.ts FUNCTION_GROUPS): the
 * route API Gateway matched (`routeKey`, e.g. `GET /v1/reports/{trackingId}`) picks the route's own
 * handler; anything else is answered by the $default route's handler (404, or 405 with Allow).
 */
import type { Context } from "aws-lambda";
import { handler as routeNotFound } from "../http/route-not-found";
import type { HttpEvent, HttpResponse } from "./http";

export type RouteHandler = (event: HttpEvent, context: Context) => Promise<HttpResponse>;

export function dispatch(routes: Readonly<Record<string, RouteHandler>>): RouteHandler {
  return (event, context) => (routes[event.routeKey] ?? routeNotFound)(event, context);
}
