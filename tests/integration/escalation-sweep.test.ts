/**
 * The sweep and the escalation consumer against DynamoDB Local, with time moved by a fixed clock
 * and the queue captured in memory (the SQS round trip itself is covered end-to-end).
 */
import { describe, expect, it } from "vitest";
import { handler as applyEscalationHandler } from "../../functions/jobs/apply-escalation";
import { applyEscalation } from "../../functions/use-cases/apply-escalation";
import { submitReport } from "../../functions/use-cases/submit-report";
import { sweepOverdue } from "../../functions/use-cases/sweep-overdue";
import { verifyReport } from "../../functions/use-cases/verify-report";
import { FixedClock, MemoryQueue, validReport } from "../fixtures/in-memory";
import { useSeededContainer } from "../setup/seeded-container";

const clock = new FixedClock(new Date("2026-11-23T03:00:00Z")); // Monday, 10:00 WIB
const queue = new MemoryQueue();
const national = { userId: "n", role: "national_admin" as const, agencyId: "nasional" };

const env = useSeededContainer({ clock, queue });

async function drain(): Promise<string[]> {
  const outcomes: string[] = [];
  for (const message of queue.take("escalations")) {
    outcomes.push(await applyEscalation(env.container(), message as { trackingId: string; action: string }));
  }
  return outcomes;
}

describe("sweep → escalation", () => {
  it("escalates an unverified report exactly once, however often the sweep runs", async () => {
    const { receipt } = await submitReport(env.container(), { ...validReport, occurredOn: undefined });
    const verifiedOnTime = (await submitReport(env.container(), { ...validReport, occurredOn: undefined }))
      .receipt;
    await verifyReport(env.container(), national, verifiedOnTime.trackingId, { dispatchTo: "kab-blora" });

    expect((await sweepOverdue(env.container())).queued).toBe(0); // nothing due yet

    clock.advance(4 * 24 * 3600 * 1000); // Friday: the verification deadline (end of Thursday) has passed
    const first = await sweepOverdue(env.container());
    const second = await sweepOverdue(env.container()); // the schedule fires again before the consumer ran
    expect(first.queued).toBe(1);
    expect(second.queued).toBe(1);
    expect(await drain()).toEqual(["applied", "skipped"]);

    const stored = await env.container().reports.load(receipt.trackingId);
    expect(stored?.timeline.filter((e) => e.type === "escalated")).toHaveLength(1);
    expect(stored?.report.escalations).toEqual([
      expect.objectContaining({ clock: "verification", level: 1 }),
    ]);
    expect(await sweepOverdue(env.container())).toMatchObject({ queued: 0 }); // left the due index
    expect(stored?.timeline.find((e) => e.type === "escalated")?.targets).toEqual(["nasional"]);
  });

  it("reports failed records individually so only they are retried (and poison lands in the DLQ)", async () => {
    const response = await applyEscalationHandler({
      Records: [
        { messageId: "m-poison", body: "not json" },
        {
          messageId: "m-unknown-action",
          body: JSON.stringify({ v: 1, trackingId: "22222-22222", action: "coffee:9" }),
        },
        {
          messageId: "m-gone",
          body: JSON.stringify({ v: 1, trackingId: "33333-33333", action: "verification:1" }),
        },
      ],
    } as never);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(["m-poison", "m-unknown-action"]);
  });
});

describe("catching up after an outage", () => {
  it("applies every overdue level in one sweep, each once, in order", async () => {
    const { receipt } = await submitReport(env.container(), { ...validReport, occurredOn: undefined });
    // Dispatched to Blora: its first follow-up clock runs, and nobody answers.
    await verifyReport(env.container(), national, receipt.trackingId, { dispatchTo: "kab-blora" });
    queue.take("escalations");
    queue.take("notifications");

    clock.advance(30 * 24 * 3600 * 1000); // levels 1, 2 and 3 of the first follow-up are all overdue
    await sweepOverdue(env.container());
    for (let round = 0; round < 5; round++) await drain(); // each applied level queues the next

    const stored = await env.container().reports.load(receipt.trackingId);
    expect(stored?.report.escalations?.map((e) => `${e.clock}:${e.level}`)).toEqual([
      "firstFollowUp:1",
      "firstFollowUp:2",
      "firstFollowUp:3",
    ]);
  });
});
