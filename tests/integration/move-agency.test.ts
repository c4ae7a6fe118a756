/**
 * Moving an agency against DynamoDB Local through the real handlers: access follows the move at
 * once, and the reindex job (fed from the queue as SQS would) rewrites every report's stored
 * ancestry and inbox indexes, with its progress visible to the national admin.
 */
import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { handler as reindexJob } from "../../functions/jobs/reindex-reports";
import { MemoryQueue, validReport } from "../fixtures/in-memory";
import { claimsOf as as, invoke } from "../setup/invoke";
import { useSeededContainer } from "../setup/seeded-container";

const queue = new MemoryQueue();
const env = useSeededContainer({ queue });

const national = as("national_admin", "nasional");
const blora = as("agency_admin", "kab-blora");
const medan = as("agency_admin", "kota-medan");

async function reportAtBloraDinkes(): Promise<string> {
  const { body } = await invoke("POST /v1/reports", { body: validReport });
  const trackingId = body.trackingId as string;
  await invoke("POST /v1/reports/{trackingId}/verify", {
    claims: national,
    path: { trackingId },
    body: { dispatchTo: "kab-blora" },
  });
  await invoke("POST /v1/reports/{trackingId}/dispatch", {
    claims: blora,
    path: { trackingId },
    body: { agencyId: "blora-dinkes" },
  });
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
    const moved = await invoke("PATCH /v1/agencies/{agencyId}", {
      claims: national,
      path: { agencyId: "blora-dinkes" },
      body: { parentId: "kota-medan" },
    });
    expect(moved.status).toBe(200);

    // Before any re-indexing: the old parent reads nothing, the new one reads the report.
    for (const trackingId of ids) {
      expect(
        (await invoke("GET /v1/staff/reports/{trackingId}", { claims: blora, path: { trackingId } })).status,
      ).toBe(404);
      expect(
        (await invoke("GET /v1/staff/reports/{trackingId}", { claims: medan, path: { trackingId } })).status,
      ).toBe(200);
    }
    const bloraInbox = await invoke("GET /v1/inbox", { claims: blora, query: {} });
    expect(bloraInbox.body.reports.map((r: { trackingId: string }) => r.trackingId)).not.toEqual(
      expect.arrayContaining([ids[0]]),
    );
    const running = await invoke("GET /v1/agencies/{agencyId}/reindex", {
      claims: national,
      path: { agencyId: "blora-dinkes" },
    });
    expect(running.body).toMatchObject({ status: "running", processed: 0 });

    expect(await drainReindex()).toBeGreaterThan(0);
    const done = await invoke("GET /v1/agencies/{agencyId}/reindex", {
      claims: national,
      path: { agencyId: "blora-dinkes" },
    });
    expect(done.body).toMatchObject({ status: "done" });
    expect(done.body.processed).toBeGreaterThanOrEqual(3);

    const medanInbox = await invoke("GET /v1/inbox", { claims: medan, query: { status: "dispatched" } });
    const listed = medanInbox.body.reports.map((r: { trackingId: string }) => r.trackingId);
    for (const trackingId of ids) expect(listed).toContain(trackingId);
    const stored = await env.container().reports.load(ids[0] as string);
    expect(stored?.report.agencyPath).toEqual(["nasional", "prov-sumut", "kota-medan", "blora-dinkes"]);
  });
});
