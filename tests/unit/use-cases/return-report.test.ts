import { describe, expect, it } from "vitest";
import { returnReport } from "../../../functions/use-cases/return-report";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { atDinkes, bloraAdmin, dinkesUnit, fileReport } from "../../fixtures/journey";

describe("returnReport", () => {
  it("sends the report back to whoever dispatched it, with the reason in the timeline", async () => {
    const ports = memoryPorts();
    const { trackingId } = await atDinkes(ports);
    const view = await returnReport(ports, dinkesUnit, trackingId, "Bukan wewenang Dinas Kesehatan.");
    expect(view.agency.id).toBe("kab-blora");
    expect(view.timeline.at(-1)).toMatchObject({ type: "returned", note: "Bukan wewenang Dinas Kesehatan." });
  });

  it("only the holder may return it, and a report filed to nobody has nobody to return to", async () => {
    const ports = memoryPorts();
    const { trackingId } = await atDinkes(ports);
    expect((await domainRejectionOf(returnReport(ports, bloraAdmin, trackingId, "x"))).kind).toBe(
      "forbidden",
    );
    const direct = await fileReport(ports, { agencyId: "kab-blora" });
    const back = await returnReport(ports, bloraAdmin, direct.trackingId, "Bukan wewenang kami.");
    expect(back.agency.id).toBe("nasional");
  });
});
