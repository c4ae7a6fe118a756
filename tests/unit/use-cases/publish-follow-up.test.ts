import { describe, expect, it } from "vitest";
import { addFollowUp } from "../../../functions/use-cases/add-follow-up";
import { publishFollowUp } from "../../../functions/use-cases/publish-follow-up";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { atDinkes, dinkesLiaison, dinkesUnit } from "../../fixtures/journey";

describe("publishFollowUp", () => {
  it("publishes a unit's draft once; a second publish is 409, an unknown id 404", async () => {
    const ports = memoryPorts();
    const { trackingId } = await atDinkes(ports);
    const draft = await addFollowUp(ports, dinkesUnit, trackingId, { message: "Jadwal dipasang." });
    const published = await publishFollowUp(ports, dinkesLiaison, trackingId, draft.id);
    expect(published).toMatchObject({ id: draft.id, status: "published", report: { status: "in_progress" } });
    expect((await domainRejectionOf(publishFollowUp(ports, dinkesLiaison, trackingId, draft.id))).code).toBe(
      "invalid_transition",
    );
    expect((await domainRejectionOf(publishFollowUp(ports, dinkesLiaison, trackingId, "nope"))).code).toBe(
      "follow_up_not_found",
    );
  });
});
