import { describe, expect, it } from "vitest";
import { loadReport } from "../../../functions/use-cases/load-report";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { fileReport } from "../../fixtures/journey";

describe("loadReport", () => {
  it("accepts a tracking ID as people type it, 400 on a typo, 404 when unknown", async () => {
    const ports = memoryPorts();
    const { trackingId } = await fileReport(ports);
    const typed = trackingId.toLowerCase().replace("-", " ");
    expect((await loadReport(ports, typed)).trackingId).toBe(trackingId);
    const typo = `${trackingId.slice(0, -1)}${trackingId.endsWith("2") ? "3" : "2"}`;
    expect((await domainRejectionOf(loadReport(ports, typo))).code).toBe("invalid_tracking_id");
    expect((await domainRejectionOf(loadReport(ports, "22222-22222"))).code).toBe("report_not_found");
  });
});
