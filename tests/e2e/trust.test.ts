/**
 * The trust findings of the outside review (issue 7), checked from outside against `npm start`
 * over HTTP: what a client expects (inbox defaults, 405/415, empty bodies, languages, CORS), what
 * the gateway answers by itself, and an agency move (resilience.test.ts: a dead store, restarts).
 */
import { describe, expect, it } from "vitest";
import { apiClient, useApp } from "./app-process";

const report = {
  kind: "complaint",
  title: "Lampu jalan padam di Jalan Pemuda",
  description: "Lampu jalan padam sepanjang 500 meter sejak dua minggu lalu.",
  category: "infrastructure.street-lighting",
  location: { regionCode: "33.16", address: "Jalan Pemuda, Blora" },
};

describe("trust, from outside", () => {
  // A move shows in every function within the directory cache's lifetime: shortened here.
  const running = useApp("aduan-e2e-trust-", { DIRECTORY_CACHE_SECONDS: "2" });
  const { http, staffToken } = apiClient(() => running.app().url);
  const raw = (path: string, init?: RequestInit) => fetch(`${running.app().url}${path}`, init);

  it("the inbox with no query lists every open report of the caller's subtree, newest first", async () => {
    const national = await staffToken("national_admin", "nasional");
    const blora = await staffToken("agency_admin", "kab-blora");
    const first = await http("POST", "/v1/reports", { body: report });
    const second = await http("POST", "/v1/reports", { body: { ...report, agencyId: "kab-blora" } });
    // The first is verified to Blora (dispatched), the second waits for Blora's verification.
    const verified = await http("POST", `/v1/reports/${first.body.trackingId}/verify`, {
      token: national,
      body: { dispatchTo: "kab-blora" },
    });
    expect(verified.status).toBe(200);
    const inbox = await http("GET", "/v1/inbox", { token: blora });
    expect(inbox.status).toBe(200);
    const ids = inbox.body.reports.map((r: { trackingId: string }) => r.trackingId);
    expect(ids.slice(0, 2)).toEqual([second.body.trackingId, first.body.trackingId]);
    const listed = await http("GET", "/v1/inbox?status=submitted,dispatched&limit=1", { token: blora });
    expect(listed.body.reports).toHaveLength(1);
    expect(listed.body.cursor).toEqual(expect.any(String));
    const unknown = await http("GET", "/v1/inbox?colour=red", { token: blora });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details.map((d: { field: string }) => d.field)).toEqual(["colour"]);
  });

  it("verify accepts an empty body; a wrong method is 405 with Allow; a non-JSON body is 415", async () => {
    const national = await staffToken("national_admin", "nasional");
    const filed = await http("POST", "/v1/reports", { body: report });
    const empty = await raw(`/v1/reports/${filed.body.trackingId}/verify`, {
      method: "POST",
      headers: { authorization: `Bearer ${national}` },
    });
    expect(empty.status).toBe(200);
    const wrongMethod = await http("DELETE", `/v1/reports/${filed.body.trackingId}`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
    expect(wrongMethod.body.error).toBe("method_not_allowed");
    const form = await http("POST", "/v1/reports", {
      headers: { "content-type": "text/plain" },
      body: report,
    });
    expect(form.status).toBe(415);
    expect(form.body.error).toBe("unsupported_media_type");
  });

  it("messages are Indonesian by default and English on request; codes stay the same", async () => {
    const supervisor = await staffToken("supervisor", "prov-jateng");
    const filed = await http("POST", "/v1/reports", { body: { ...report, agencyId: "kab-blora" } });
    const path = `/v1/reports/${filed.body.trackingId}/verify`;
    const id = await http("POST", path, { token: supervisor, body: {} });
    const en = await http("POST", path, {
      token: supervisor,
      body: {},
      headers: { "accept-language": "en-US,en;q=0.9" },
    });
    expect(id.status).toBe(403);
    expect(en.body.error).toBe(id.body.error);
    expect(id.body.message).toBe("Pengawas tidak berwenang memverifikasi laporan.");
    expect(en.body.message).toBe("A supervisor may not verify a report.");
  });

  it("answers a browser's CORS preflight as the deployed API does, allowing X-Access-Token and Idempotency-Key", async () => {
    const preflight = await raw("/v1/reports", {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type,idempotency-key,x-access-token",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    const allowed = (preflight.headers.get("access-control-allow-headers") ?? "").split(",");
    expect(allowed).toEqual(expect.arrayContaining(["content-type", "idempotency-key", "x-access-token"]));
  });

  it("a failed JWT check and an oversized body get API Gateway's own bodies", async () => {
    const noToken = await http("GET", "/v1/inbox");
    expect(noToken.status).toBe(401);
    expect(noToken.body).toEqual({ message: "Unauthorized" });
    const huge = await raw("/v1/reports", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: `{"title":"${"x".repeat(10 * 1024 * 1024)}"}`,
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ message: "Request Entity Too Large" });
  });

  it("moving an agency moves access within the directory cache's time and re-indexes its reports through the local reindex queue", async () => {
    const national = await staffToken("national_admin", "nasional");
    const blora = await staffToken("agency_admin", "kab-blora");
    const medan = await staffToken("agency_admin", "kota-medan");
    const filed = await http("POST", "/v1/reports", { body: report });
    const id = filed.body.trackingId as string;
    await http("POST", `/v1/reports/${id}/verify`, { token: national, body: { dispatchTo: "kab-blora" } });
    await http("POST", `/v1/reports/${id}/dispatch`, { token: blora, body: { agencyId: "blora-dpupr" } });
    const moved = await http("PATCH", "/v1/agencies/blora-dpupr", {
      token: national,
      body: { parentId: "kota-medan" },
    });
    expect(moved.status).toBe(200);
    // Access is decided on the directory as each function has it: a warm function (the staff one
    // verified and dispatched a moment ago) sees the move once its cache (2 s here) runs out.
    const statuses = async () => [
      (await http("GET", `/v1/staff/reports/${id}`, { token: blora })).status,
      (await http("GET", `/v1/staff/reports/${id}`, { token: medan })).status,
    ];
    let seen = await statuses();
    for (let i = 0; i < 30 && (seen[0] !== 404 || seen[1] !== 200); i++) {
      await new Promise((wake) => setTimeout(wake, 200));
      seen = await statuses();
    }
    expect(seen).toEqual([404, 200]);
    let job = await http("GET", "/v1/agencies/blora-dpupr/reindex", { token: national });
    for (let i = 0; i < 100 && job.body.status !== "done"; i++) {
      await new Promise((wake) => setTimeout(wake, 100));
      job = await http("GET", "/v1/agencies/blora-dpupr/reindex", { token: national });
    }
    expect(job.body).toMatchObject({ status: "done", agencyId: "blora-dpupr" });
    expect(job.body.processed).toBeGreaterThanOrEqual(1);
    // Each function caches the directory (60 s by default, as each Lambda container does; 2 s in
    // this test's npm start): the inbox's function sees the move within that time, no later.
    let listed: string[] = [];
    for (let i = 0; i < 20 && !listed.includes(id); i++) {
      if (i > 0) await new Promise((wake) => setTimeout(wake, 500));
      const inbox = await http("GET", "/v1/inbox?status=dispatched", { token: medan });
      listed = inbox.body.reports.map((r: { trackingId: string }) => r.trackingId);
    }
    expect(listed).toContain(id);
  }, 30_000);
});
