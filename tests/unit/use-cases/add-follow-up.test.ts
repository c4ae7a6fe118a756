import { describe, expect, it } from "vitest";
import { addFollowUp } from "../../../functions/use-cases/add-follow-up";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { atDinkes, dinkesLiaison, dinkesUnit, jatengSupervisor } from "../../fixtures/journey";

describe("addFollowUp", () => {
  it("a unit admin drafts (staff only); a liaison officer publishes at once (in progress)", async () => {
    const ports = memoryPorts();
    const { trackingId } = await atDinkes(ports);
    const draft = await addFollowUp(ports, dinkesUnit, trackingId, { message: "Sedang dicek." });
    expect(draft).toMatchObject({ status: "draft", report: { status: "dispatched" } });
    const published = await addFollowUp(ports, dinkesLiaison, trackingId, {
      message: "Sudah ditegur.",
      final: true,
    });
    expect(published).toMatchObject({ status: "published", report: { status: "in_progress" } });
    expect(published.report.resolutionProposedAt).toBeDefined();
  });

  it("a supervisor may not", async () => {
    const ports = memoryPorts();
    const { trackingId } = await atDinkes(ports);
    expect(
      (await domainRejectionOf(addFollowUp(ports, jatengSupervisor, trackingId, { message: "x" }))).kind,
    ).toBe("forbidden");
  });
});
