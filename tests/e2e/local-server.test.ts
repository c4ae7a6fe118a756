/**
 * `npm start` end to end: the real entry point as a child process (its own DynamoDB Local,
 * persisted in a temporary data directory), exercised over HTTP like a citizen's client would,
 * then stopped with Ctrl-C and restarted to prove the data survives.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isListening, processesMentioning, type RunningApp, START_TIMEOUT_MS, startApp } from "./app-process";

/** This machine's non-loopback IPv4 addresses: a server bound to 127.0.0.1 must not answer on them. */
function externalAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .flatMap((address) =>
      address && !address.internal && address.family === "IPv4" ? [address.address] : [],
    );
}

interface CategoryNode {
  readonly code: string;
  readonly children: readonly CategoryNode[];
}

function leafCodes(nodes: readonly CategoryNode[]): string[] {
  return nodes.flatMap((node) => (node.children.length === 0 ? [node.code] : leafCodes(node.children)));
}

const report = (category: string) => ({
  kind: "complaint",
  title: "Jalan rusak di Desa Sambongrejo",
  description: "Jalan desa berlubang besar sejak Januari, membahayakan pengendara motor.",
  category,
  location: { regionCode: "33.16", address: "Desa Sambongrejo, Blora" },
  reporter: { name: "Siti", email: "siti@example.org" },
});

describe("npm start", () => {
  let dataDir: string;
  let app: RunningApp;
  let category: string;
  let trackingId: string;
  let accessToken: string;
  const idempotencyKey = randomUUID();

  const api = (path: string, init?: RequestInit) => fetch(`${app.url}${path}`, init);
  const submit = (body: unknown) =>
    api("/v1/reports", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "aduan-e2e-"));
    app = await startApp(dataDir);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    if (app && app.child.exitCode === null) {
      app.child.kill("SIGINT");
      await app.exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  it("prints a ready staff token per demo role", () => {
    for (const role of ["NATIONAL_ADMIN", "AGENCY_ADMIN", "UNIT_ADMIN", "LIAISON_OFFICER", "SUPERVISOR"]) {
      expect(app.output()).toMatch(new RegExp(`^export TOKEN_${role}=[\\w-]+\\.[\\w-]+\\.[\\w-]+`, "m"));
    }
  });

  it("listens on 127.0.0.1 only, the API and DynamoDB Local alike", async () => {
    for (const endpoint of [app.url, app.dynamoEndpoint]) {
      expect(new URL(endpoint).hostname).toBe("127.0.0.1");
      expect(await isListening(endpoint)).toBe(true);
      for (const address of externalAddresses()) {
        const elsewhere = new URL(endpoint);
        elsewhere.hostname = address;
        expect(await isListening(elsewhere.href), `${elsewhere.href} answers`).toBe(false);
      }
    }
  });

  it("serves the seeded directory", async () => {
    const categories = await api("/v1/categories");
    expect(categories.status).toBe(200);
    const leaves = leafCodes(((await categories.json()) as { categories: CategoryNode[] }).categories);
    expect(leaves).toContain("infrastructure.roads");
    category = "infrastructure.roads";

    const agencies = await api("/v1/agencies");
    expect(agencies.status).toBe(200);
    const ids = ((await agencies.json()) as { agencies: { id: string }[] }).agencies.map(
      (agency) => agency.id,
    );
    expect(ids).toEqual(expect.arrayContaining(["nasional", "prov-jateng", "kab-blora", "blora-dinkes"]));
  });

  it("accepts a report, and replays it for the same Idempotency-Key and body", async () => {
    const first = await submit(report(category));
    expect(first.status).toBe(201);
    const receipt = (await first.json()) as { trackingId: string; accessToken: string; status: string };
    expect(receipt.status).toBe("submitted");
    expect(receipt.trackingId).toEqual(expect.any(String));
    expect(receipt.accessToken).toEqual(expect.any(String));
    ({ trackingId, accessToken } = receipt);

    const replay = await submit(report(category));
    expect(replay.status).toBe(201);
    expect(((await replay.json()) as { trackingId: string }).trackingId).toBe(trackingId);
  });

  it("refuses the same Idempotency-Key with a different body", async () => {
    const conflict = await submit({ ...report(category), title: "Jalan rusak di Desa Lain" });
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ error: expect.any(String), requestId: expect.any(String) });
  });

  it("shows the public view without the reporter's contact, the reporter's view with it", async () => {
    const publicView = await api(`/v1/reports/${trackingId}`);
    expect(publicView.status).toBe(200);
    const publicText = await publicView.text();
    expect(JSON.parse(publicText)).toMatchObject({ trackingId });
    expect(publicText).not.toContain("siti@example.org");

    const reporterView = await api(`/v1/reports/${trackingId}`, {
      headers: { "x-access-token": accessToken },
    });
    expect(reporterView.status).toBe(200);
    expect(await reporterView.json()).toMatchObject({ trackingId, reporter: { email: "siti@example.org" } });
  });

  it("answers an unknown route with 404 in the error shape", async () => {
    const response = await api("/v1/nothing-here");
    expect(response.status).toBe(404);
    // The $default route's handler, as in AWS: the error shape, Indonesian by default.
    expect(await response.json()).toEqual({
      error: "route_not_found",
      message: "Tidak ada rute untuk GET /v1/nothing-here.",
      details: [],
      requestId: expect.any(String),
    });
  });

  it(
    "stops cleanly on Ctrl-C and keeps the data across a restart",
    async () => {
      app.child.kill("SIGINT");
      expect(await app.exited).toBe(0);
      expect(await isListening(app.dynamoEndpoint)).toBe(false);
      expect(processesMentioning(dataDir)).toEqual([]);

      app = await startApp(dataDir);
      const again = await api(`/v1/reports/${trackingId}`, { headers: { "x-access-token": accessToken } });
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ trackingId, reporter: { email: "siti@example.org" } });
    },
    START_TIMEOUT_MS + 30_000,
  );
});
