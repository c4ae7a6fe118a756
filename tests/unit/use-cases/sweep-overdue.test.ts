import { describe, expect, it } from "vitest";
import { sweepOverdue } from "../../../functions/use-cases/sweep-overdue";
import { memoryPorts } from "../../fixtures/in-memory";
import { fileReport } from "../../fixtures/journey";

describe("sweepOverdue", () => {
  it("queues one escalation message per report whose next action is due, and changes nothing", async () => {
    const ports = memoryPorts();
    const filed = [await fileReport(ports), await fileReport(ports), await fileReport(ports)];
    expect((await sweepOverdue(ports)).queued).toBe(0);
    ports.clock.advance(7 * 24 * 3600 * 1000);
    const result = await sweepOverdue(ports);
    expect(result.queued).toBe(3);
    const messages = ports.queue.take("escalations");
    expect(messages.map((m) => m.trackingId).sort()).toEqual(filed.map((f) => f.trackingId).sort());
    expect(messages.every((m) => m.v === 1 && m.action === "verification:1")).toBe(true);
    for (const f of filed) expect(ports.reports.reports.get(f.trackingId)?.report.version).toBe(1);
  });
});
