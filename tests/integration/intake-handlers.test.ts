/**
 * The intake and tracking handlers, called as API Gateway would call them, against DynamoDB Local.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { validReport } from "../fixtures/in-memory";
import { invoke } from "../setup/invoke";
import { useSeededContainer } from "../setup/seeded-container";

useSeededContainer();

function submit(body: unknown, headers: Record<string, string> = {}) {
  return invoke("POST /v1/reports", { body, headers });
}

function track(trackingId: string, headers: Record<string, string> = {}) {
  return invoke("GET /v1/reports/{trackingId}", { path: { trackingId }, headers });
}

describe("POST /v1/reports", () => {
  it("files a report: 201 with tracking ID, access token and a Location header", async () => {
    const { status, headers, body } = await submit(validReport);
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: "submitted", agencyId: "nasional", kind: "complaint" });
    expect(body.trackingId).toMatch(/^[2-9A-HJKMNP-TV-Y]{5}-[2-9A-HJKMNP-TV-Y]{5}$/);
    expect(body.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(headers.location).toBe(`/v1/reports/${body.trackingId}`);
  });

  it("replays with the same Idempotency-Key and body, and refuses a different body with 409", async () => {
    const key = { "Idempotency-Key": "b7e1c0de-1d2c-4a7b-9f00-0123456789ab" };
    const first = await submit(validReport, key);
    const again = await submit(validReport, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    // Not what someone who saw the key in a log could compute without the server's secret.
    const guess = createHmac("sha256", key["Idempotency-Key"])
      .update(`aduan:access-token:${first.body.trackingId}`)
      .digest("base64url");
    expect(first.body.accessToken).not.toBe(guess);
    expect((await track(first.body.trackingId, { "x-access-token": guess })).body.viewer).toBe("public");

    const conflict = await submit(
      { ...validReport, description: "A different description of the problem." },
      key,
    );
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ error: "idempotency_key_reused", requestId: "req-test-1" });
  });

  it("answers 400 naming every invalid field, including unknown references", async () => {
    const bad = await submit({ ...validReport, kind: "rant", title: "" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("invalid_input");
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(["kind", "title"]);

    const unknown = await submit({ ...validReport, category: "space.travel", agencyId: "kemenlu" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.map((d: { field: string }) => d.field)).toEqual(["category", "agencyId"]);
  });
});

describe("GET /v1/reports/{trackingId}", () => {
  it("shows the public view without any reporter contact, and the reporter's view with the token", async () => {
    const { body: receipt } = await submit({ ...validReport, agencyId: "kab-blora" });

    const publicView = await track(receipt.trackingId);
    expect(publicView.status).toBe(200);
    expect(publicView.body).toMatchObject({
      viewer: "public",
      status: "submitted",
      agency: { id: "kab-blora" },
    });
    expect(publicView.body.timeline).toHaveLength(1);
    expect(JSON.stringify(publicView.body)).not.toMatch(/siti@example\.org|Siti Aminah|812 3456/);

    const own = await track(receipt.trackingId, { "x-access-token": receipt.accessToken });
    expect(own.body).toMatchObject({ viewer: "reporter", reporter: validReport.reporter });
  });

  it("404s a confidential report for the public and for a wrong token", async () => {
    const { body: receipt } = await submit({ ...validReport, confidential: true });
    expect((await track(receipt.trackingId)).status).toBe(404);
    expect((await track(receipt.trackingId, { "x-access-token": "guess" })).status).toBe(404);
    expect((await track(receipt.trackingId, { "x-access-token": receipt.accessToken })).status).toBe(200);
  });

  it("400s a mistyped tracking ID and 404s an unknown one", async () => {
    const typo = await track("ABCDE-FGHJK");
    expect(typo.status).toBe(400);
    expect(typo.body.error).toBe("invalid_tracking_id");
    const unknown = await track("22222-22222");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe("report_not_found");
  });
});

describe("directory routes", () => {
  it("list the seeded agencies and the category tree", async () => {
    const agencies = (await invoke("GET /v1/agencies")).body;
    expect(agencies.agencies.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining(["nasional", "kab-blora"]),
    );
    const categories = (await invoke("GET /v1/categories")).body;
    expect(categories.categories.find((c: { code: string }) => c.code === "infrastructure").children).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: "infrastructure.roads" })]),
    );
  });
});
