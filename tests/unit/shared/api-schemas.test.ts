import { describe, expect, it } from "vitest";
import { DomainError } from "../../../functions/domain/errors";
import { SubmitReportRequest } from "../../../functions/shared/api-schemas";
import { validate } from "../../../functions/shared/http";
import { validReport } from "../../fixtures/in-memory";

function fieldsRejected(body: unknown): string[] {
  try {
    validate(SubmitReportRequest, body);
    return [];
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return error.details.map((d) => d.field).sort();
  }
}

describe("SubmitReportRequest", () => {
  it("accepts id and en as the reporter's language, nothing else", () => {
    expect(fieldsRejected({ ...validReport, locale: "en" })).toEqual([]);
    expect(fieldsRejected({ ...validReport, locale: "fr" })).toEqual(["locale"]);
  });

  it("accepts a full valid report and trims text", () => {
    const parsed = validate(SubmitReportRequest, { ...validReport, title: "  Jalan rusak parah  " });
    expect(parsed.title).toBe("Jalan rusak parah");
  });

  it("accepts the minimum: kind, title, description, category", () => {
    const { kind, title, description, category } = validReport;
    expect(fieldsRejected({ kind, title, description, category })).toEqual([]);
  });

  it("names every offending field at once", () => {
    expect(
      fieldsRejected({
        kind: "rant",
        title: "ab",
        description: "",
        occurredOn: "23/11/2026",
        location: { lat: 91, regionCode: "Blora" },
        reporter: { email: "not-an-email", phone: "call me" },
        colour: "blue",
      }),
    ).toEqual([
      "category",
      "colour",
      "description",
      "kind",
      "location.lat",
      "location.lat",
      "location.regionCode",
      "occurredOn",
      "reporter.email",
      "reporter.phone",
      "title",
    ]);
  });

  it("rejects a non-object body", () => {
    expect(fieldsRejected([1, 2])).toEqual(["(body)"]);
    expect(fieldsRejected("report")).toEqual(["(body)"]);
  });
});
