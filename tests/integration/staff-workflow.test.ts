/**
 * Staff actions through the real handlers against DynamoDB Local, with the claims the API Gateway
 * JWT authorizer would pass. (Token verification itself is tested end-to-end against the local server.)
 */
import { describe, expect, it } from "vitest";
import { validReport } from "../fixtures/in-memory";
import { claimsOf as as, invoke } from "../setup/invoke";
import { useSeededContainer } from "../setup/seeded-container";

useSeededContainer();

async function newReport(extra: Record<string, unknown> = {}): Promise<string> {
  const { body } = await invoke("POST /v1/reports", { body: { ...validReport, ...extra } });
  return body.trackingId;
}

const national = as("national_admin", "nasional");
const bloraAdmin = as("agency_admin", "kab-blora");

describe("concurrency", () => {
  it("two concurrent dispatches of one report: exactly one succeeds, the other gets 409", async () => {
    const trackingId = await newReport();
    await invoke("POST /v1/reports/{trackingId}/verify", {
      claims: national,
      path: { trackingId },
      body: { dispatchTo: "kab-blora" },
    });

    const results = await Promise.all(
      ["blora-dinkes", "blora-dpupr"].map((agencyId) =>
        invoke("POST /v1/reports/{trackingId}/dispatch", {
          claims: bloraAdmin,
          path: { trackingId },
          body: { agencyId },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409);
    expect(loser?.body).toMatchObject({ error: "invalid_transition" });

    const now = await invoke("GET /v1/staff/reports/{trackingId}", {
      claims: bloraAdmin,
      path: { trackingId },
    });
    const winner = results.find((r) => r.status === 200)?.body.agency.id;
    expect(now.body.agency.id).toBe(winner);
    expect(now.body.timeline.filter((e: { type: string }) => e.type === "dispatched")).toHaveLength(1);
  });
});

describe("scope, as an attacker would try", () => {
  it("staff of Kota Medan get 404 on a Blora report, for reading and for acting", async () => {
    const trackingId = await newReport({ agencyId: "kab-blora" });
    const medan = as("agency_admin", "kota-medan");
    expect(
      (await invoke("GET /v1/staff/reports/{trackingId}", { claims: medan, path: { trackingId } })).status,
    ).toBe(404);
    const act = await invoke("POST /v1/reports/{trackingId}/verify", {
      claims: medan,
      path: { trackingId },
      body: {},
    });
    expect(act.status).toBe(404);
    expect(act.body.error).toBe("report_not_found");
  });

  it("a supervisor reads but cannot act (403)", async () => {
    const trackingId = await newReport({ agencyId: "kab-blora" });
    const supervisor = as("supervisor", "prov-jateng");
    expect(
      (await invoke("GET /v1/staff/reports/{trackingId}", { claims: supervisor, path: { trackingId } }))
        .status,
    ).toBe(200);
    expect(
      (
        await invoke("POST /v1/reports/{trackingId}/verify", {
          claims: supervisor,
          path: { trackingId },
          body: {},
        })
      ).status,
    ).toBe(403);
  });

  it("no claims, an access token instead of an ID token, or no role: 401/403", async () => {
    const trackingId = await newReport();
    expect((await invoke("GET /v1/staff/reports/{trackingId}", { path: { trackingId } })).status).toBe(401);
    const accessToken = { ...national, token_use: "access" };
    expect(
      (await invoke("GET /v1/staff/reports/{trackingId}", { claims: accessToken, path: { trackingId } }))
        .status,
    ).toBe(401);
    const noRole = { ...national, "cognito:groups": "[citizens]" };
    expect(
      (await invoke("GET /v1/staff/reports/{trackingId}", { claims: noRole, path: { trackingId } })).status,
    ).toBe(403);
  });

  it("an anonymous reporter's contact appears in no staff response", async () => {
    const trackingId = await newReport({ anonymous: true, agencyId: "kab-blora" });
    const responses = [
      await invoke("GET /v1/staff/reports/{trackingId}", { claims: bloraAdmin, path: { trackingId } }),
      await invoke("POST /v1/reports/{trackingId}/verify", {
        claims: bloraAdmin,
        path: { trackingId },
        body: { dispatchTo: "blora-dinkes" },
      }),
      await invoke("GET /v1/inbox", { claims: bloraAdmin, query: { status: "dispatched" } }),
    ];
    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(JSON.stringify(response.body)).not.toMatch(/siti@example\.org|Siti Aminah|812 3456/);
    }
  });
});

describe("inbox", () => {
  it("lists the subtree newest first, page by page, and refuses a forged cursor", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(await newReport({ agencyId: "medan-dishub", title: `Lampu lalu lintas mati ${i}` }));
    const medanAdmin = as("agency_admin", "kota-medan");

    const first = await invoke("GET /v1/inbox", {
      claims: medanAdmin,
      query: { status: "submitted", limit: "2" },
    });
    expect(first.status).toBe(200);
    expect(first.body.reports).toHaveLength(2);
    const second = await invoke("GET /v1/inbox", {
      claims: medanAdmin,
      query: { status: "submitted", limit: "2", cursor: first.body.cursor },
    });
    const seen = [...first.body.reports, ...second.body.reports].map(
      (r: { trackingId: string }) => r.trackingId,
    );
    expect(seen).toEqual([...ids].reverse());

    const forged = Buffer.from(JSON.stringify({ inbox2pk: "kab-blora#submitted", inboxSk: "z" })).toString(
      "base64url",
    );
    const refused = await invoke("GET /v1/inbox", {
      claims: medanAdmin,
      query: { status: "submitted", cursor: forged },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe("invalid_cursor");
  });

  it("scopes the agencyId filter to the caller's subtree and validates status", async () => {
    const bloraUnit = as("unit_admin", "blora-dinkes");
    expect(
      (
        await invoke("GET /v1/inbox", {
          claims: bloraUnit,
          query: { status: "dispatched", agencyId: "kab-blora" },
        })
      ).status,
    ).toBe(404);
    const bad = await invoke("GET /v1/inbox", { claims: bloraUnit, query: { status: "lost" } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe("status");
  });
});

describe("agency directory administration", () => {
  it("refuses a cycle and a non-national admin", async () => {
    const cycle = await invoke("PATCH /v1/agencies/{agencyId}", {
      claims: national,
      path: { agencyId: "prov-jateng" },
      body: { parentId: "blora-dinkes" },
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error).toBe("invalid_directory");
    const notAllowed = await invoke("PATCH /v1/agencies/{agencyId}", {
      claims: bloraAdmin,
      path: { agencyId: "kab-blora" },
      body: { name: "Kabupaten Blora Raya" },
    });
    expect(notAllowed.status).toBe(403);
  });
});
