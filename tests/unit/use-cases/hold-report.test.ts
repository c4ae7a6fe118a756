import { describe, expect, it } from "vitest";
import { holdReport } from "../../../functions/use-cases/hold-report";
import { postMessage } from "../../../functions/use-cases/post-message";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { dinkesUnit, fileReport, national } from "../../fixtures/journey";

describe("holdReport", () => {
  it("asks the reporter for more and pauses the verification clock until they answer", async () => {
    const ports = memoryPorts();
    const { trackingId, accessToken } = await fileReport(ports);
    const held = await holdReport(ports, national, trackingId, "Mohon lampirkan lokasi tepatnya.");
    expect(held.status).toBe("on_hold");
    expect(held.deadlines?.verification).toBeUndefined();
    const resumed = await postMessage(ports, trackingId, accessToken, "Di depan SDN 2 Sambong.");
    expect(resumed.status).toBe("submitted");
  });

  it("is for admins only", async () => {
    const ports = memoryPorts();
    const { trackingId } = await fileReport(ports);
    expect((await domainRejectionOf(holdReport(ports, dinkesUnit, trackingId, "?"))).code).toBe(
      "report_not_found",
    );
  });
});
