/**
 * DynamoDB round trips per operation (issue 13), counted on the real handlers against DynamoDB
 * Local by a middleware on the container's client, with the directory already cached (as in a warm
 * function): intake 1, tracking 1, each staff action ≤ 2, an inbox page one Query per status asked
 * for plus one counts read, a stats read growing with agencies × months and not with reports.
 */
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SdkClient, Service } from "../../functions/shared/container";
import { validReport } from "../fixtures/in-memory";
import { claimsOf as as, invoke } from "../setup/invoke";
import { useSeededContainer } from "../setup/seeded-container";

const calls: string[] = [];
let counting = false;

useSeededContainer(
  {},
  {
    guard: (client: SdkClient, service: Service) => {
      if (service !== "dynamodb") return;
      client.middlewareStack.add(
        ((next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) =>
          async (args: unknown) => {
            if (counting) calls.push(String(context.commandName).replace(/Command$/, ""));
            return next(args);
          }) as never,
        { step: "initialize", name: "countRoundTrips" } as never,
      );
    },
  },
);

/** What each operation measured, written for `npm run bench:roundtrips` when it asks (ROUND_TRIPS_OUT). */
const measured: { operation: string; calls: string[] }[] = [];
afterAll(() => {
  if (process.env.ROUND_TRIPS_OUT) writeFileSync(process.env.ROUND_TRIPS_OUT, JSON.stringify(measured));
});

/** The DynamoDB calls `act` makes, recorded under `operation`. */
async function roundTrips(operation: string, act: () => Promise<unknown>): Promise<string[]> {
  calls.length = 0;
  counting = true;
  try {
    await act();
  } finally {
    counting = false;
  }
  measured.push({ operation, calls: [...calls] });
  return [...calls];
}

const national = as("national_admin", "nasional");
const blora = as("agency_admin", "kab-blora");

describe("round trips per operation", () => {
  let id = "";
  beforeAll(async () => {
    // Warm: the first request of a function reads the directory, which it then keeps.
    id = (await invoke("POST /v1/reports", { body: validReport })).body.trackingId;
    await invoke("GET /v1/inbox", { claims: national });
  });

  it("intake: one transaction", async () => {
    expect(
      await roundTrips("intake (POST /v1/reports)", () => invoke("POST /v1/reports", { body: validReport })),
    ).toEqual(["TransactWriteItems"]);
  });

  it("tracking: one Query", async () => {
    expect(
      await roundTrips("tracking (GET /v1/reports/{id})", () =>
        invoke("GET /v1/reports/{trackingId}", { path: { trackingId: id } }),
      ),
    ).toEqual(["Query"]);
  });

  it("a staff action: read the report, write the change", async () => {
    const verify = await roundTrips("verify", () =>
      invoke("POST /v1/reports/{trackingId}/verify", {
        path: { trackingId: id },
        claims: national,
        body: { dispatchTo: "kab-blora" },
      }),
    );
    expect(verify).toEqual(["Query", "TransactWriteItems"]);
    const dispatch = await roundTrips("dispatch", () =>
      invoke("POST /v1/reports/{trackingId}/dispatch", {
        path: { trackingId: id },
        claims: blora,
        body: { agencyId: "blora-dinkes" },
      }),
    );
    expect(dispatch).toEqual(["Query", "TransactWriteItems"]);
  });

  it("an inbox page: one Query per status asked for, plus one read of the live counts", async () => {
    const two = await roundTrips("inbox page, 2 statuses", () =>
      invoke("GET /v1/inbox", { claims: blora, query: { status: "dispatched,in_progress" } }),
    );
    expect(two.filter((c) => c === "Query")).toHaveLength(2);
    expect(two.filter((c) => c !== "Query")).toEqual(["BatchGetItem"]);
    const one = await roundTrips("inbox page, 1 status", () =>
      invoke("GET /v1/inbox", { claims: blora, query: { status: "dispatched" } }),
    );
    expect(one.filter((c) => c === "Query")).toHaveLength(1);
  });

  it("stats: reads grow with agencies × months, not with reports", async () => {
    const before = await roundTrips("stats, 1 month", () =>
      invoke("GET /v1/stats", { query: { agencyId: "kab-blora" } }),
    );
    for (let i = 0; i < 5; i++) await invoke("POST /v1/reports", { body: validReport });
    const after = await roundTrips("stats, 1 month, 5 reports more", () =>
      invoke("GET /v1/stats", { query: { agencyId: "kab-blora" } }),
    );
    expect(after).toEqual(before);
    const year = await roundTrips("stats, 12 months", () =>
      invoke("GET /v1/stats", { query: { agencyId: "kab-blora", from: "2026-01", to: "2026-12" } }),
    );
    // One Query per agency (each spans its months), and one counts read: never a page per report.
    const agencies = before.filter((c) => c === "Query").length;
    expect(year.filter((c) => c === "Query")).toHaveLength(agencies);
  });
});
