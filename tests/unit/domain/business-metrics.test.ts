import { describe, expect, it } from "vitest";
import { businessMetrics } from "../../../functions/domain/business-metrics";

describe("businessMetrics", () => {
  it("counts filings by kind and channel from first versions, and lifecycle events by type and escalation level", () => {
    const points = businessMetrics([
      { entity: "report", version: 1, kind: "complaint" },
      { entity: "report", version: 1, kind: "complaint", channel: "open311" },
      { entity: "report", version: 1, kind: "complaint" },
      { entity: "report", version: 2, kind: "complaint" }, // a later version is not a filing
      { entity: "event", type: "submitted" },
      { entity: "event", type: "verified" },
      { entity: "event", type: "escalated", clock: "firstFollowUp", level: 2 },
      { entity: "event", type: "escalated", clock: "firstFollowUp", level: 2 },
      { entity: "event", type: "auto_resolved" },
      { entity: "event", type: "attachment_rejected" },
      { entity: "event", type: "reporter_message" }, // not a business figure
    ]);
    expect(points).toEqual([
      { name: "ReportsFiled", value: 2, dimensions: { kind: "complaint", channel: "direct" } },
      { name: "ReportsFiled", value: 1, dimensions: { kind: "complaint", channel: "open311" } },
      { name: "ReportsVerified", value: 1 },
      { name: "Escalations", value: 2, dimensions: { clock: "firstFollowUp", level: "2" } },
      { name: "ReportsAutoResolved", value: 1 },
      { name: "AttachmentsRejected", value: 1 },
    ]);
  });
});
