import { describe, expect, it } from "vitest";
import { getStaffReport } from "../../../functions/use-cases/get-staff-report";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { atDinkes, bloraAdmin, jatengSupervisor, medanAdmin } from "../../fixtures/journey";

describe("getStaffReport", () => {
  it("shows the staff view in scope (contact hidden when anonymous), 404 outside it", async () => {
    const ports = memoryPorts();
    const { trackingId } = await atDinkes(ports, { anonymous: true });
    const view = await getStaffReport(ports, bloraAdmin, trackingId);
    expect(view).toMatchObject({
      viewer: "staff",
      anonymous: true,
      dispatchChain: ["nasional", "kab-blora"],
    });
    expect(view.reporter).toBeUndefined();
    expect((await getStaffReport(ports, jatengSupervisor, trackingId)).viewer).toBe("staff");
    expect((await domainRejectionOf(getStaffReport(ports, medanAdmin, trackingId))).code).toBe(
      "report_not_found",
    );
  });
});
