/**
 * No input causes a 500 (issue 7 item 5): hostile numbers, text and dates through the real intake
 * and directory handlers into DynamoDB Local.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FixedClock, validReport } from "../fixtures/in-memory";
import { invoke } from "../setup/invoke";
import { useSeededContainer } from "../setup/seeded-container";

// 28 Nov 2026, 20:00 UTC = 29 Nov 03:00 in Jakarta: "today" is the 29th there, still the 28th in UTC.
useSeededContainer({ clock: new FixedClock(new Date("2026-11-28T20:00:00Z")) });

const ROUTE = {
  submitReport: "POST /v1/reports",
  createAgency: "POST /v1/agencies",
} as const;

function post(route: keyof typeof ROUTE, body: unknown, claims?: Record<string, string>) {
  return invoke(ROUTE[route], {
    ...(typeof body === "string" ? { rawBody: body } : { body }),
    ...(claims && { claims }),
  });
}

const fields = (body: { details: { field: string }[] }) => body.details.map((d) => d.field);

describe("hostile input at intake", () => {
  it("stores a coordinate DynamoDB could not hold as given, rounded to 7 decimals", async () => {
    const created = await post("submitReport", {
      ...validReport,
      location: { address: "Blora", lat: 1e-200, lng: 111.123456789 },
    });
    expect(created.status).toBe(201);
    const tracked = await invoke("GET /v1/reports/{trackingId}", {
      path: { trackingId: created.body.trackingId },
    });
    expect(tracked.body.location).toMatchObject({ lat: 0, lng: 111.1234568 });
  });

  it("never answers 500 for any number as a coordinate (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        async (lat, lng) => {
          const { status } = await post("submitReport", { ...validReport, location: { lat, lng } });
          expect([201, 400]).toContain(status);
          if (Math.abs(lat) <= 90 && Math.abs(lng) <= 180) expect(status).toBe(201);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("refuses control characters and broken characters, naming the field, and NFC-normalises text", async () => {
    const bell = await post("submitReport", { ...validReport, title: "Jalan\u0007 rusak parah" });
    expect(bell.status).toBe(400);
    expect(fields(bell.body)).toEqual(["title"]);
    const lone = await post(
      "submitReport",
      '{"kind":"complaint","title":"Jalan rusak \\ud800","description":"Jalan berlubang sejak lama.","category":"infrastructure.roads"}',
    );
    expect(lone.status).toBe(400);
    expect(fields(lone.body)).toEqual(["title"]);
    const composed = await post("submitReport", {
      ...validReport,
      title: "Cafe\u0301 di Blora tutup",
      description: "Baris satu\r\nbaris dua\tdengan tab.",
    });
    expect(composed.status).toBe(201);
    expect(composed.body.title).toBe("Caf\u00e9 di Blora tutup");
  });

  it("dates: not after today in the deployment's zone, not before 2000", async () => {
    expect((await post("submitReport", { ...validReport, occurredOn: "2026-11-29" })).status).toBe(201); // today in Jakarta
    const tomorrow = await post("submitReport", { ...validReport, occurredOn: "2026-11-30" });
    expect(tomorrow.status).toBe(400);
    expect(fields(tomorrow.body)).toEqual(["occurredOn"]);
    const ancient = await post("submitReport", { ...validReport, occurredOn: "1999-12-31" });
    expect(fields(ancient.body)).toEqual(["occurredOn"]);
  });
});

describe("hostile input in the directory", () => {
  const national = {
    sub: "n",
    "cognito:groups": "[national_admin]",
    "custom:agency_id": "nasional",
    token_use: "id",
  };

  it.each([
    [
      "a province under a regency",
      { id: "prov-x", name: "Provinsi X", level: "province", parentId: "kab-blora" },
    ],
    [
      "a regency under a unit",
      { id: "kab-x", name: "Kabupaten X", level: "regency", parentId: "blora-dinkes" },
    ],
    ["a unit under a sub-unit", { id: "sub-sub", name: "Seksi", level: "unit", parentId: "blora-rsud" }],
    ["a second national", { id: "nasional-2", name: "Nasional 2", level: "national", parentId: "nasional" }],
  ])("refuses %s (levels strictly descend)", async (_, agency) => {
    const response = await post("createAgency", agency, national);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe("invalid_directory");
  });

  it("accepts a sub-unit under a unit", async () => {
    const ok = await post(
      "createAgency",
      { id: "dpupr-bina-marga", name: "Bidang Bina Marga", level: "unit", parentId: "blora-dpupr" },
      national,
    );
    expect(ok.status).toBe(201);
  });
});
