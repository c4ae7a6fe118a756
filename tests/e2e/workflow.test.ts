/**
 * A report's whole life over HTTP against `npm start`, with the staff tokens the local server issues,
 * and the attacks PRODUCT.md asks us to withstand: out-of-scope staff, a supervisor acting, forged,
 * expired and wrong-audience JWTs, a wrong access token, an anonymous reporter's contact leaking.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, type RunningApp, START_TIMEOUT_MS, startApp, stopApp } from "./app-process";

let dataDir: string;
let app: RunningApp;

const { http, staffToken: token } = apiClient(() => app.url);

const report = (extra: Record<string, unknown> = {}) => ({
  kind: "complaint",
  title: "Puskesmas tutup di jam layanan",
  description: "Puskesmas Kunduran tutup pukul 10.00 padahal jadwal layanan sampai 14.00.",
  category: "health.hospital-service",
  location: { regionCode: "33.16", address: "Kunduran, Blora" },
  reporter: { name: "Siti Aminah", email: "siti@example.org", phone: "+62 812 3456 7890" },
  ...extra,
});

async function file(extra: Record<string, unknown> = {}): Promise<{ id: string; access: string }> {
  const { status, body } = await http("POST", "/v1/reports", { body: report(extra) });
  expect(status).toBe(201);
  return { id: body.trackingId, access: body.accessToken };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "aduan-e2e-workflow-"));
  app = await startApp(dataDir);
}, START_TIMEOUT_MS);

afterAll(async () => {
  if (app) await stopApp(app);
  await rm(dataDir, { recursive: true, force: true });
});

describe("a report's whole life", () => {
  it("submit → verify+dispatch to Blora → unit → draft → publish → final → reopen → final → accepted", async () => {
    const national = await token("national_admin", "nasional");
    const blora = await token("agency_admin", "kab-blora");
    const unit = await token("unit_admin", "blora-dinkes");
    const liaison = await token("liaison_officer", "blora-dinkes");
    const { id, access } = await file();

    const verified = await http("POST", `/v1/reports/${id}/verify`, {
      token: national,
      body: { dispatchTo: "kab-blora" },
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: "dispatched", agency: { id: "kab-blora" } });

    const inbox = await http("GET", "/v1/inbox?status=dispatched", { token: blora });
    expect(inbox.body.reports.map((r: { trackingId: string }) => r.trackingId)).toContain(id);

    const dispatched = await http("POST", `/v1/reports/${id}/dispatch`, {
      token: blora,
      body: { agencyId: "blora-dinkes", note: "Mohon cek jadwal Puskesmas" },
    });
    expect(dispatched.body.agency.id).toBe("blora-dinkes");

    const draft = await http("POST", `/v1/reports/${id}/follow-ups`, {
      token: unit,
      body: { message: "Kepala Puskesmas sudah ditegur." },
    });
    expect(draft).toMatchObject({ status: 201, body: { status: "draft", report: { status: "dispatched" } } });
    const published = await http("POST", `/v1/reports/${id}/follow-ups/${draft.body.id}/publish`, {
      token: liaison,
    });
    expect(published.body).toMatchObject({ status: "published", report: { status: "in_progress" } });

    await http("POST", `/v1/reports/${id}/follow-ups`, {
      token: liaison,
      body: { message: "Jam layanan dipasang.", final: true },
    });
    const rejected = await http("POST", `/v1/reports/${id}/feedback`, {
      access,
      body: { accepted: false, comment: "Kemarin masih tutup jam 11." },
    });
    expect(rejected.body.status).toBe("in_progress");
    expect(rejected.body.timeline.at(-1).type).toBe("reopened");

    await http("POST", `/v1/reports/${id}/follow-ups`, {
      token: liaison,
      body: { message: "Absensi dipantau harian.", final: true },
    });
    const accepted = await http("POST", `/v1/reports/${id}/feedback`, {
      access,
      body: { accepted: true, rating: 4 },
    });
    expect(accepted.body).toMatchObject({ status: "resolved", rating: 4 });

    const publicView = await http("GET", `/v1/reports/${id}`);
    expect(publicView.body.timeline.map((e: { type: string }) => e.type)).toEqual([
      "submitted",
      "verified",
      "dispatched",
      "follow_up_published",
      "follow_up_published",
      "reopened",
      "follow_up_published",
      "resolved",
    ]);
    const text = JSON.stringify(publicView.body);
    expect(text).not.toMatch(/siti@example\.org|Siti Aminah|Mohon cek jadwal|user-/);
  });

  it("held → completed by the reporter → archived as a duplicate", async () => {
    const national = await token("national_admin", "nasional");
    const original = await file();
    const { id, access } = await file({ title: "Puskesmas Kunduran tutup lagi" });

    const held = await http("POST", `/v1/reports/${id}/hold`, {
      token: national,
      body: { reason: "Sebutkan tanggal kejadian" },
    });
    expect(held.body.status).toBe("on_hold");
    const own = await http("GET", `/v1/reports/${id}`, { access });
    expect(own.body.timeline.at(-1)).toMatchObject({ type: "held", note: "Sebutkan tanggal kejadian" });

    const supplied = await http("POST", `/v1/reports/${id}/messages`, {
      access,
      body: { message: "Tanggal 20 November 2026" },
    });
    expect(supplied).toMatchObject({ status: 201, body: { status: "submitted" } });

    const archived = await http("POST", `/v1/reports/${id}/archive`, {
      token: national,
      body: { reason: "duplicate", duplicateOf: original.id.toLowerCase() },
    });
    expect(archived.body).toMatchObject({
      status: "archived",
      archiveReason: "duplicate",
      duplicateOf: original.id,
    });
    expect(
      (await http("POST", `/v1/reports/${id}/messages`, { access, body: { message: "halo" } })).status,
    ).toBe(409);
  });
});

describe("figures and exports, through the table's stream", () => {
  /** Polls until `check` passes: the counters follow the stream a moment behind the reports. */
  async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (check(value) || Date.now() > deadline) return value;
      await new Promise((wake) => setTimeout(wake, 200));
    }
  }

  it("counts a dispatch and a follow-up in Blora's figures and inbox, and exports them without contact", async () => {
    const national = await token("national_admin", "nasional");
    const blora = await token("agency_admin", "kab-blora");
    const stats = async () => (await http("GET", "/v1/stats?agencyId=kab-blora")).body.agency;
    const before = await stats();
    const first = await file();
    const second = await file();
    for (const { id } of [first, second])
      await http("POST", `/v1/reports/${id}/verify`, { token: national, body: { dispatchTo: "kab-blora" } });
    await http("POST", `/v1/reports/${first.id}/follow-ups`, {
      token: blora,
      body: { message: "Sudah ditangani." },
    });

    const after = await eventually(
      stats,
      (row) => row.received === before.received + 2 && row.followedUp === before.followedUp + 1,
    );
    expect(after.received - before.received).toBe(2);
    expect(after.followedUp - before.followedUp).toBe(1);
    const inbox = await http("GET", "/v1/inbox", { token: blora });
    expect(inbox.body.counts.dispatched).toBeGreaterThanOrEqual(1);
    expect(inbox.body.counts.in_progress).toBeGreaterThanOrEqual(1);

    const csv = await http("GET", "/v1/stats?agencyId=prov-jateng", { headers: { accept: "text/csv" } });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.body.text.split("\r\n")[1]).toMatch(/^prov-jateng,Pemerintah Provinsi Jawa Tengah,province,/);

    const today = new Date().toISOString().slice(0, 10);
    const requested = await http("POST", "/v1/exports", {
      token: blora,
      body: { from: "2026-01-01", to: today },
    });
    expect(requested.status).toBe(202);
    const ready = await eventually(
      async () => (await http("GET", `/v1/exports/${requested.body.exportId}`, { token: blora })).body,
      (view) => view.status === "ready",
    );
    expect(ready.rows).toBeGreaterThanOrEqual(2);
    const file_ = await fetch(ready.url);
    const text = await file_.text();
    expect(text).toContain(first.id);
    expect(text).toContain(second.id);
    expect(text).not.toMatch(/Siti Aminah|siti@example\.org|3456 7890|Puskesmas Kunduran/);
    // Another staff member of the same agency cannot fetch it.
    const colleague = await token("agency_admin", "kab-blora", "another-admin");
    expect((await http("GET", `/v1/exports/${requested.body.exportId}`, { token: colleague })).status).toBe(
      404,
    );
  });
});

describe("as an attacker would try", () => {
  it("staff of Kota Medan get 404 on a Blora report; a supervisor reads but cannot act", async () => {
    const { id } = await file({ agencyId: "kab-blora" });
    const medan = await token("agency_admin", "kota-medan");
    expect((await http("GET", `/v1/staff/reports/${id}`, { token: medan })).status).toBe(404);
    expect((await http("POST", `/v1/reports/${id}/verify`, { token: medan, body: {} })).status).toBe(404);
    const supervisor = await token("supervisor", "prov-jateng");
    expect((await http("GET", `/v1/staff/reports/${id}`, { token: supervisor })).status).toBe(200);
    const acting = await http("POST", `/v1/reports/${id}/verify`, { token: supervisor, body: {} });
    expect(acting.status).toBe(403);
    expect(acting.body.error).toBe("forbidden");
  });

  it("refuses forged, expired and wrong-audience JWTs and no token at all with 401", async () => {
    const valid = await token("national_admin", "nasional");
    const [header, payload] = valid.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    const { privateKey: foreignKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(claims)
      .setProtectedHeader(JSON.parse(Buffer.from(header ?? "", "base64url").toString()))
      .sign(foreignKey);

    const stored = JSON.parse(await readFile(join(dataDir, "jwt-key.json"), "utf8")) as {
      kid: string;
      privateJwk: JWK;
    };
    const realKey = await importJWK(stored.privateJwk, "RS256");
    const sign = (overrides: Record<string, unknown>) =>
      new SignJWT({ ...claims, ...overrides })
        .setProtectedHeader({ alg: "RS256", kid: stored.kid, typ: "JWT" })
        .sign(realKey);
    const expired = await sign({
      exp: Math.floor(Date.now() / 1000) - 60,
      iat: Math.floor(Date.now() / 1000) - 3600,
    });
    const wrongAudience = await sign({ aud: "someone-else" });
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, "custom:agency_id": "kota-medan" })).toString("base64url")}.${valid.split(".")[2]}`;

    for (const bad of [forged, expired, wrongAudience, tampered, "not-a-jwt"]) {
      const response = await http("GET", "/v1/inbox?status=submitted", { token: bad });
      expect(response.status).toBe(401);
      // The JWT authorizer's own answer: API Gateway's body, not the handlers' error shape.
      expect(response.body).toEqual({ message: "Unauthorized" });
    }
    expect((await http("GET", "/v1/inbox?status=submitted")).status).toBe(401);
    expect((await http("GET", "/v1/inbox?status=submitted", { token: valid })).status).toBe(200);
  });

  it("a wrong access token gets the public view only, and cannot act", async () => {
    const { id, access } = await file();
    const guessed = await http("GET", `/v1/reports/${id}`, { access: `${access.slice(0, -2)}xx` });
    expect(guessed.body.viewer).toBe("public");
    expect(guessed.body.reporter).toBeUndefined();
    expect(
      (await http("POST", `/v1/reports/${id}/messages`, { access: "guess", body: { message: "x" } })).status,
    ).toBe(403);
  });

  it("an anonymous reporter's contact appears in no staff or public response", async () => {
    const national = await token("national_admin", "nasional");
    const blora = await token("agency_admin", "kab-blora");
    const liaison = await token("liaison_officer", "blora-dinkes");
    const { id, access } = await file({ anonymous: true });
    const responses = [
      await http("POST", `/v1/reports/${id}/verify`, { token: national, body: { dispatchTo: "kab-blora" } }),
      await http("GET", `/v1/staff/reports/${id}`, { token: blora }),
      await http("GET", "/v1/inbox?status=dispatched", { token: blora }),
      await http("POST", `/v1/reports/${id}/dispatch`, { token: blora, body: { agencyId: "blora-dinkes" } }),
      await http("POST", `/v1/reports/${id}/follow-ups`, {
        token: liaison,
        body: { message: "Ditindaklanjuti" },
      }),
      await http("GET", `/v1/reports/${id}`),
    ];
    for (const response of responses) {
      expect(response.status).toBeLessThan(300);
      expect(JSON.stringify(response.body)).not.toMatch(/siti@example\.org|Siti Aminah|812 3456/);
    }
    const own = await http("GET", `/v1/reports/${id}`, { access });
    expect(own.body.reporter.email).toBe("siti@example.org"); // the reporter still sees their own
  });
});
