import { describe, expect, it } from "vitest";
import { hold } from "../../../functions/domain/staff-actions";
import { changeReportAsStaff } from "../../../functions/use-cases/change-report";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { fileReport, national } from "../../fixtures/journey";

describe("changeReportAsStaff", () => {
  it("of two changes decided on the same version, the second is a 409 naming the status now", async () => {
    const ports = memoryPorts();
    const { trackingId } = await fileReport(ports);
    const loaded = ports.reports.reports.get(trackingId);
    // Someone else holds the report between our load and our write.
    const racing = {
      ...ports,
      reports: Object.assign(Object.create(ports.reports), {
        load: async () => loaded,
      }),
    };
    await changeReportAsStaff(ports, national, trackingId, ({ report }, ctx) =>
      hold(report, national, "a", ctx),
    );
    const error = await domainRejectionOf(
      changeReportAsStaff(racing, national, trackingId, ({ report }, ctx) =>
        hold(report, national, "b", ctx),
      ),
    );
    expect(error).toMatchObject({ kind: "conflict", code: "invalid_transition" });
  });
});
