import { describe, expect, it } from "vitest";
import { addFollowUp } from "../../../functions/use-cases/add-follow-up";
import { giveFeedback } from "../../../functions/use-cases/give-feedback";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { atDinkes, dinkesLiaison } from "../../fixtures/journey";

describe("giveFeedback", () => {
  it("rejecting reopens, accepting resolves with the rating", async () => {
    const ports = memoryPorts();
    const { trackingId, accessToken } = await atDinkes(ports);
    expect(
      (await domainRejectionOf(giveFeedback(ports, trackingId, accessToken, { accepted: true, rating: 5 })))
        .code,
    ).toBe("invalid_transition");
    await addFollowUp(ports, dinkesLiaison, trackingId, { message: "Selesai.", final: true });
    const reopened = await giveFeedback(ports, trackingId, accessToken, {
      accepted: false,
      comment: "Belum.",
    });
    expect(reopened).toMatchObject({ status: "in_progress" });
    expect(reopened.resolutionProposedAt).toBeUndefined();
    await addFollowUp(ports, dinkesLiaison, trackingId, { message: "Sekarang selesai.", final: true });
    const resolved = await giveFeedback(ports, trackingId, accessToken, { accepted: true, rating: 4 });
    expect(resolved).toMatchObject({ status: "resolved", rating: 4 });
  });
});
