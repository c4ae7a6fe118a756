import { describe, expect, it } from "vitest";
import { postMessage } from "../../../functions/use-cases/post-message";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { atDinkes, fileReport } from "../../fixtures/journey";

describe("postMessage", () => {
  it("records the reporter's reply, visible to the reporter and staff, not the public", async () => {
    const ports = memoryPorts();
    const { trackingId, accessToken } = await atDinkes(ports);
    const view = await postMessage(ports, trackingId, accessToken, "Masih belum diperbaiki.");
    expect(view.viewer).toBe("reporter");
    const event = ports.reports.reports.get(trackingId)?.timeline.at(-1);
    expect(event).toMatchObject({
      type: "reporter_message",
      visibility: "reporter",
      note: "Masih belum diperbaiki.",
    });
  });

  it("needs the report's own token: none is 401, another report's is 403", async () => {
    const ports = memoryPorts();
    const a = await fileReport(ports);
    const b = await fileReport(ports);
    expect((await domainRejectionOf(postMessage(ports, a.trackingId, undefined, "x"))).kind).toBe(
      "unauthorized",
    );
    expect((await domainRejectionOf(postMessage(ports, a.trackingId, b.accessToken, "x"))).code).toBe(
      "invalid_access_token",
    );
  });

  it("never confirms that a confidential report exists to a wrong token", async () => {
    const ports = memoryPorts();
    const secret = await fileReport(ports, { confidential: true });
    const other = await fileReport(ports);
    const error = await domainRejectionOf(postMessage(ports, secret.trackingId, other.accessToken, "x"));
    expect(error.code).toBe("report_not_found");
  });
});
