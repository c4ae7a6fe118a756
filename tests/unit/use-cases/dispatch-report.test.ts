import { describe, expect, it } from "vitest";
import { dispatchReport } from "../../../functions/use-cases/dispatch-report";
import { verifyReport } from "../../../functions/use-cases/verify-report";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { bloraAdmin, fileReport, medanAdmin, national } from "../../fixtures/journey";

describe("dispatchReport", () => {
  it("routes down the tree and records who dispatched it", async () => {
    const ports = memoryPorts();
    const { trackingId } = await fileReport(ports);
    await verifyReport(ports, national, trackingId, { dispatchTo: "kab-blora" });
    const view = await dispatchReport(ports, bloraAdmin, trackingId, {
      agencyId: "blora-dinkes",
      note: "cek",
    });
    expect(view).toMatchObject({ agency: { id: "blora-dinkes" }, dispatchChain: ["nasional", "kab-blora"] });
  });

  it("refuses a target outside the caller's subtree (404) or not below the holder (409)", async () => {
    const ports = memoryPorts();
    const { trackingId } = await fileReport(ports);
    await verifyReport(ports, national, trackingId, { dispatchTo: "kab-blora" });
    expect(
      (await domainRejectionOf(dispatchReport(ports, bloraAdmin, trackingId, { agencyId: "medan-dinkes" })))
        .code,
    ).toBe("agency_not_found");
    expect(
      (await domainRejectionOf(dispatchReport(ports, national, trackingId, { agencyId: "prov-jateng" })))
        .code,
    ).toBe("invalid_transition");
    expect(
      (await domainRejectionOf(dispatchReport(ports, medanAdmin, trackingId, { agencyId: "medan-dinkes" })))
        .code,
    ).toBe("report_not_found");
  });
});
