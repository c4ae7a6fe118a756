/**
 * Moving an agency against DynamoDB Local through the real handlers: access follows the move at
 * once, and the reindex job (fed from the queue as SQS would) rewrites every report's stored
 * ancestry and inbox indexes, with its progress visible to the national admin.
 */
import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { handler as dispatchHandler } from "../../functions/http/dispatch-report";
import { handler as getReindex } from "../../functions/http/get-agency-reindex";
import { handler as getStaffReport } from "../../functions/http/get-staff-report";
import { handler as inboxHandler } from "../../functions/http/list-inbox";
import { handler as submitHandler } from "../../functions/http/submit-report";
import { handler as updateAgencyHandler } from "../../functions/http/update-agency";
import { handler as verifyHandler } from "../../functions/http/verify-report";
import { handler as reindexJob } from "../../functions/jobs/reindex-reports";
import type { HttpEvent } from "../../functions/shared/http";
import { httpEvent, lambdaContext } from "../fixtures/http-events";
import { MemoryQueue, validReport } from "../fixtures/in-memory";
import { useSeededContainer } from "../setup/seeded-container";

const queue = new MemoryQueue();
const env = useSeededContainer({ queue });

type Handler = (
  event: HttpEvent,
  context: typeof lambdaContext,
) => Promise<{ statusCode?: number; body?: string }>;
const as = (role: string, agencyId: string) => ({
  sub: `user-${role}-${agencyId}`,
  "cognito:groups": `[${role}]`,
  "custom:agency_id": agencyId,
  token_use: "id",
});
const national = as("national_admin", "nasional");
const blora = as("agency_admin", "kab-blora");
const medan = as("agency_admin", "kota-medan");

async function call(
  handler: unknown,
  options: {
    claims?: Record<string, string>;
    body?: unknown;
    path?: Record<string, string>;
    query?: Record<string, string>;
  },
) {
  const event = httpEvent({
    method: "POST",
    headers: { "content-type": "application/json" },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    ...(options.path && { pathParameters: options.path }),
    ...(options.query && { queryStringParameters: options.query }),
  });
  if (options.claims) event.requestContext.authorizer = { jwt: { claims: options.claims, scopes: [] } };
  const response = await (handler as Handler)(event, lambdaContext);
  return { status: response.statusCode, body: JSON.parse(String(response.body)) };
}

async function reportAtBloraDinkes(): Promise<string> {
  const { body } = await call(submitHandler, { body: validReport });
  const trackingId = body.trackingId as string;
  await call(verifyHandler, { claims: national, path: { trackingId }, body: { dispatchTo: "kab-blora" } });
  await call(dispatchHandler, { claims: blora, path: { trackingId }, body: { agencyId: "blora-dinkes" } });
  return trackingId;
}

async function drainReindex(): Promise<number> {
  let delivered = 0;
  for (let batch = queue.take("reindex"); batch.length > 0; batch = queue.take("reindex")) {
    const event = {
      Records: batch.map((body, i) => ({ messageId: `m-${delivered + i}`, body: JSON.stringify(body) })),
    } as unknown as SQSEvent;
    const result = await reindexJob(event);
    expect(result.batchItemFailures).toEqual([]);
    delivered += batch.length;
  }
  return delivered;
}

describe("moving an agency (DynamoDB Local)", () => {
  it("moves access at once and re-indexes the subtree's reports in the background", async () => {
    const ids = [await reportAtBloraDinkes(), await reportAtBloraDinkes(), await reportAtBloraDinkes()];
    const moved = await call(updateAgencyHandler, {
      claims: national,
      path: { agencyId: "blora-dinkes" },
      body: { parentId: "kota-medan" },
    });
    expect(moved.status).toBe(200);

    // Before any re-indexing: the old parent reads nothing, the new one reads the report.
    for (const trackingId of ids) {
      expect((await call(getStaffReport, { claims: blora, path: { trackingId } })).status).toBe(404);
      expect((await call(getStaffReport, { claims: medan, path: { trackingId } })).status).toBe(200);
    }
    const bloraInbox = await call(inboxHandler, { claims: blora, query: {} });
    expect(bloraInbox.body.reports.map((r: { trackingId: string }) => r.trackingId)).not.toEqual(
      expect.arrayContaining([ids[0]]),
    );
    const running = await call(getReindex, { claims: national, path: { agencyId: "blora-dinkes" } });
    expect(running.body).toMatchObject({ status: "running", processed: 0 });

    expect(await drainReindex()).toBeGreaterThan(0);
    const done = await call(getReindex, { claims: national, path: { agencyId: "blora-dinkes" } });
    expect(done.body).toMatchObject({ status: "done" });
    expect(done.body.processed).toBeGreaterThanOrEqual(3);

    const medanInbox = await call(inboxHandler, { claims: medan, query: { status: "dispatched" } });
    const listed = medanInbox.body.reports.map((r: { trackingId: string }) => r.trackingId);
    for (const trackingId of ids) expect(listed).toContain(trackingId);
    const stored = await env.container().reports.load(ids[0] as string);
    expect(stored?.report.agencyPath).toEqual(["nasional", "prov-sumut", "kota-medan", "blora-dinkes"]);
  });
});
