import { describe, expect, it } from "vitest";
import { applyEscalation } from "../../../functions/use-cases/apply-escalation";
import { forwardToOmbudsman } from "../../../functions/use-cases/forward-to-ombudsman";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { atDinkes } from "../../fixtures/journey";

describe("forwardToOmbudsman", () => {
  it("is refused before the resolution deadline, recorded once after it", async () => {
    const ports = memoryPorts();
    const { trackingId, accessToken } = await atDinkes(ports);
    expect((await domainRejectionOf(forwardToOmbudsman(ports, trackingId, accessToken))).code).toBe(
      "invalid_transition",
    );
    ports.clock.advance(61 * 24 * 3600 * 1000);
    expect(await applyEscalation(ports, { trackingId, action: "resolution:1" })).toBe("applied");
    const forwarded = await forwardToOmbudsman(ports, trackingId, accessToken);
    expect(forwarded.ombudsmanForwardedAt).toBeDefined();
    expect((await domainRejectionOf(forwardToOmbudsman(ports, trackingId, accessToken))).code).toBe(
      "invalid_transition",
    );
  });
});
