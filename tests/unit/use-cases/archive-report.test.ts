import { describe, expect, it } from "vitest";
import { archiveReport } from "../../../functions/use-cases/archive-report";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { fileReport, national } from "../../fixtures/journey";

describe("archiveReport", () => {
  it("archives a duplicate linked to an existing original, and refuses an unknown one", async () => {
    const ports = memoryPorts();
    const original = await fileReport(ports);
    const copy = await fileReport(ports);
    const view = await archiveReport(ports, national, copy.trackingId, {
      reason: "duplicate",
      duplicateOf: original.trackingId,
    });
    expect(view).toMatchObject({
      status: "archived",
      archiveReason: "duplicate",
      duplicateOf: original.trackingId,
    });
    const third = await fileReport(ports);
    const error = await domainRejectionOf(
      archiveReport(ports, national, third.trackingId, { reason: "duplicate", duplicateOf: "22222-22222" }),
    );
    expect(error.kind).toBe("invalid");
  });
});
