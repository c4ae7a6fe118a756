import { describe, expect, it } from "vitest";
import { applyEscalation } from "../../../functions/use-cases/apply-escalation";
import { memoryPorts } from "../../fixtures/in-memory";
import { fileReport } from "../../fixtures/journey";

describe("applyEscalation", () => {
  it("applies a due level once, with its timeline event (the notifier's input), and skips a duplicate", async () => {
    const ports = memoryPorts();
    const { trackingId } = await fileReport(ports);
    expect(await applyEscalation(ports, { trackingId, action: "verification:1" })).toBe("skipped"); // not due yet
    ports.clock.advance(7 * 24 * 3600 * 1000);
    expect(await applyEscalation(ports, { trackingId, action: "verification:1" })).toBe("applied");
    expect(await applyEscalation(ports, { trackingId, action: "verification:1" })).toBe("skipped");
    const events =
      ports.reports.reports.get(trackingId)?.timeline.filter((e) => e.type === "escalated") ?? [];
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ clock: "verification", level: 1, targets: ["nasional"] });
    // Notifications leave through the table's stream, not from here: nothing is sent twice.
    expect(ports.queue.take("notifications")).toEqual([]);
  });

  it("skips a message about a report that does not exist", async () => {
    expect(
      await applyEscalation(memoryPorts(), { trackingId: "22222-22222", action: "verification:1" }),
    ).toBe("skipped");
  });
});
