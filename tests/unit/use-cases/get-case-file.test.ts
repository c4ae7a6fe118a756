import { describe, expect, it } from "vitest";
import { getCaseFile } from "../../../functions/use-cases/get-case-file";
import { domainRejectionOf } from "../../fixtures/errors";
import { memoryPorts } from "../../fixtures/in-memory";
import { atDinkes } from "../../fixtures/journey";

describe("getCaseFile", () => {
  it("gives the reporter the chronology, dispositions and deadlines, without staff-only notes", async () => {
    const ports = memoryPorts();
    const { trackingId, accessToken } = await atDinkes(ports);
    const file = await getCaseFile(ports, trackingId, accessToken);
    expect(file.dispositions.map((d) => d.to)).toEqual(
      expect.arrayContaining(["Pemerintah Kabupaten Blora"]),
    );
    expect(file.deadlines.map((d) => d.clock)).toEqual(
      expect.arrayContaining(["verification", "firstFollowUp"]),
    );
    expect(JSON.stringify(file)).not.toContain("u-agency_admin");
    expect((await domainRejectionOf(getCaseFile(ports, trackingId, undefined))).kind).toBe("unauthorized");
  });
});
