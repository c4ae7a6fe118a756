import { describe, expect, it } from "vitest";
import { verifyReport } from "../../../functions/use-cases/verify-report";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { bloraAdmin, fileReport, jatengSupervisor, national } from "../../fixtures/journey";

describe("verifyReport", () => {
  it("verifies and dispatches in one step, stricter flags kept", async () => {
    const ports = memoryPorts();
    const { trackingId } = await fileReport(ports);
    const view = await verifyReport(ports, national, trackingId, {
      dispatchTo: "kab-blora",
      confidential: true,
    });
    expect(view).toMatchObject({ status: "dispatched", agency: { id: "kab-blora" }, confidential: true });
    expect(ports.reports.reports.get(trackingId)?.timeline.at(-1)?.type).toBe("verified");
  });

  it("lets the addressed agency's admin verify, not a supervisor, and only once", async () => {
    const ports = memoryPorts();
    const { trackingId } = await fileReport(ports, { agencyId: "kab-blora" });
    expect((await domainRejectionOf(verifyReport(ports, jatengSupervisor, trackingId, {}))).kind).toBe(
      "forbidden",
    );
    await verifyReport(ports, bloraAdmin, trackingId, {});
    expect((await domainRejectionOf(verifyReport(ports, bloraAdmin, trackingId, {}))).code).toBe(
      "invalid_transition",
    );
  });
});
