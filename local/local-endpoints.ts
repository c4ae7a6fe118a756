/**
 * Local-only helpers for time and background work (not in ROUTES, absent from AWS):
 *
 *   GET  /_local/clock                  → {now, offsetMs}
 *   POST /_local/clock {"advance":"P4D"} or {"now":"2026-12-23T10:00:00+07:00"} → {now, offsetMs}
 *                                         forward only; 400 for a past instant or a bad duration;
 *                                         with "catchUp": false the schedules the move passes
 *                                         resume from the new time instead of running at once
 *   GET  /_local/schedules              → {schedules: [{name, handler, expression, nextRunAt, lastRun?}]}
 *   POST /_local/schedules/{name}/run   → {schedule, result, drained, tookMs}: runs the job now and
 *                                         waits until the queues it feeds, and theirs, are consumed
 *                                         (404 unknown schedule, 500 job failed, 504 not drained)
 *   GET  /_local/queues                 → {queues: [{name, consumer, visible, inFlight, delayed, deadLetter}]}
 *
 * Errors have the API's shape: {error, message, details, requestId}.
 */
import type { APIGatewayProxyResultV2 } from "aws-lambda";
import * as z from "../functions/domain/zod";
import { errorResult } from "./api-gateway-event";
import type { BackgroundJobs } from "./background-jobs";
import { parseIsoDuration } from "./iso-duration";
import type { LocalClock } from "./local-clock";
import type { LocalRouteRequest, LocalRoutes } from "./server";

/** How long a schedule run waits for its queues to drain before answering 504. */
export const DRAIN_TIMEOUT_MS = 30_000;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/** false: the schedules the move passes do not catch up (ClockMove). @default true */
const catchUp = z.optional(z.boolean());
const ClockRequest = z.union([
  z.strictObject({ advance: z.string().check(z.minLength(2)), catchUp }),
  z.strictObject({
    now: z
      .string()
      .check(z.regex(INSTANT, "an ISO 8601 instant with a zone, e.g. 2026-12-23T10:00:00+07:00")),
    catchUp,
  }),
]);

export function localEndpoints(opts: {
  readonly clock: LocalClock;
  readonly jobs: BackgroundJobs;
}): LocalRoutes {
  const { clock, jobs } = opts;
  const clockView = () => ({ now: clock.clock.now().toISOString(), offsetMs: clock.clock.offsetMs });

  async function moveClock(request: LocalRouteRequest): Promise<APIGatewayProxyResultV2> {
    const invalid = (field: string, message: string) =>
      errorResult(400, "invalid_input", `Invalid clock request: ${message}`, request.requestId, [
        { field, message },
      ]);
    let input: unknown;
    try {
      input = JSON.parse(request.body.toString("utf8") || "null");
    } catch {
      return invalid("body", "not valid JSON");
    }
    const parsed = ClockRequest.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues.find((i) => i.code !== "invalid_union") ?? parsed.error.issues[0];
      const field = issue?.path.join(".") || "body";
      const message =
        issue?.code === "invalid_union" || issue?.code === "unrecognized_keys" || field === "body"
          ? 'give exactly one of {"advance": "<ISO 8601 duration>"} or {"now": "<ISO 8601 instant>"}'
          : (issue?.message ?? "invalid");
      return invalid(field, message);
    }
    try {
      const move = { catchUp: parsed.data.catchUp ?? true };
      if ("advance" in parsed.data) clock.clock.advance(parseIsoDuration(parsed.data.advance), move);
      else clock.clock.moveTo(new Date(parsed.data.now), move);
    } catch (error) {
      return invalid("advance" in parsed.data ? "advance" : "now", (error as Error).message);
    }
    await clock.save();
    return json(200, clockView());
  }

  async function runSchedule(name: string, requestId: string): Promise<APIGatewayProxyResultV2> {
    if (!jobs.scheduler.has(name)) {
      const known = jobs.schedules().map((s) => s.name);
      return errorResult(404, "schedule_not_found", `No schedule named ${name}`, requestId, [
        { field: "name", message: `one of: ${known.join(", ")}` },
      ]);
    }
    const started = performance.now();
    let outcome: Awaited<ReturnType<BackgroundJobs["runAndDrain"]>>;
    try {
      outcome = await jobs.runAndDrain(name, DRAIN_TIMEOUT_MS);
    } catch (error) {
      // A local developer tool: the job's own message is what they need to see.
      return errorResult(500, "job_failed", `${name} failed: ${(error as Error).message}`, requestId);
    }
    const tookMs = Math.round(performance.now() - started);
    if (!outcome.drain.drained) {
      return errorResult(
        504,
        "drain_timeout",
        `${name} ran, but its queues were not empty after ${DRAIN_TIMEOUT_MS / 1000} s (see GET /_local/queues)`,
        requestId,
        outcome.drain.queues.map((q) => ({
          queue: q.name,
          visible: q.visible,
          inFlight: q.inFlight,
          delayed: q.delayed,
        })),
      );
    }
    return json(200, { schedule: name, result: outcome.result, drained: outcome.drain.queues, tookMs });
  }

  return async (request) => {
    const { method, path, requestId } = request;
    const allow = (
      allowed: string,
      answer: () => Promise<APIGatewayProxyResultV2> | APIGatewayProxyResultV2,
    ) =>
      allowed.split(",").includes(method)
        ? answer()
        : errorResult(405, "method_not_allowed", `${method} ${path} is not supported`, requestId, [], {
            allow: allowed,
          });

    if (path === "/_local/clock") {
      return allow("GET,POST", () => (method === "GET" ? json(200, clockView()) : moveClock(request)));
    }
    if (path === "/_local/schedules") {
      return allow("GET", () => json(200, { now: clockView().now, schedules: jobs.schedules() }));
    }
    const run = /^\/_local\/schedules\/([^/]+)\/run$/.exec(path);
    if (run?.[1]) {
      const name = safeDecode(run[1]);
      return allow("POST", () => runSchedule(name, requestId));
    }
    if (path === "/_local/queues")
      return allow("GET", async () => json(200, { queues: await jobs.queues() }));
    return undefined;
  };
}

function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
