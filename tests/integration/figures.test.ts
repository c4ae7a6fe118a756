/**
 * Agency figures against DynamoDB Local through the real handlers and the real counter store: the
 * figures consumer fed as SQS would feed it (duplicates and a concurrent burst included), the public
 * routes in JSON and CSV, and the rebuild reproducing the live counters — also after a move.
 */
import { DeleteCommand, paginateQuery } from "@aws-sdk/lib-dynamodb";
import type { SQSEvent } from "aws-lambda";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { createDocumentClient } from "../../functions/adapters/dynamodb/client";
import { keys } from "../../functions/adapters/dynamodb/keys";
import { type Counters, counterKey, LIVE } from "../../functions/domain/figures";
import { handler as applyFiguresJob } from "../../functions/jobs/apply-figures";
import { handler as reindexJob } from "../../functions/jobs/reindex-reports";
import { rebuildFigures } from "../../functions/use-cases/rebuild-figures";
import { MemoryQueue, validReport } from "../fixtures/in-memory";
import { claimsOf as as, invoke } from "../setup/invoke";
import { useSeededContainer } from "../setup/seeded-container";

const queue = new MemoryQueue();
const env = useSeededContainer({ queue });
const national = as("national_admin", "nasional");
const blora = as("agency_admin", "kab-blora");
const created: string[] = [];

let messageId = 0;
/** The figures consumer, as the SQS event source would call it for these reports. */
async function applyFigures(trackingIds: readonly string[]): Promise<void> {
  const event = {
    Records: trackingIds.map((trackingId) => ({
      messageId: `m-${messageId++}`,
      body: JSON.stringify({ v: 1, trackingId, version: 1 }),
    })),
  } as SQSEvent;
  const { batchItemFailures } = await applyFiguresJob(event);
  expect(batchItemFailures).toEqual([]);
}

async function file(): Promise<string> {
  const { body } = await invoke("POST /v1/reports", { body: validReport });
  const trackingId = body.trackingId as string;
  created.push(trackingId);
  return trackingId;
}

async function act(action: string, claims: Record<string, string>, trackingId: string, body: unknown = {}) {
  const { status } = await invoke(`POST /v1/reports/{trackingId}/${action}`, {
    claims,
    path: { trackingId },
    body,
  });
  expect(status, action).toBeLessThan(300);
}

/** Every counter of every agency, as a plain object (months from 2000 on, and live). */
async function snapshot(): Promise<Record<string, Counters>> {
  const { figures, directory } = env.container();
  const ids = (await directory.load()).listAgencies().map((agency) => agency.id);
  const [months, live] = await Promise.all([figures.months(ids, "2000-01", "9999-12"), figures.live(ids)]);
  const out: Record<string, Counters> = {};
  const nonZero = (counters: Counters) =>
    Object.fromEntries(Object.entries(counters).filter(([, n]) => n !== 0));
  for (const id of ids) {
    for (const [month, counters] of months.get(id) ?? [])
      if (Object.keys(nonZero(counters)).length > 0) out[counterKey(id, month)] = nonZero(counters);
    const counters = nonZero(live.get(id) ?? {});
    if (Object.keys(counters).length > 0) out[counterKey(id, LIVE)] = counters;
  }
  return out;
}

/** As if the deployment had never had counters: every counter and ledger item deleted. */
async function wipeCounters(): Promise<void> {
  const { config, directory } = env.container();
  const doc = createDocumentClient();
  for (const agency of (await directory.load()).listAgencies()) {
    const pages = paginateQuery(
      { client: doc },
      {
        TableName: config.tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": keys.statsPartition(agency.id) },
      },
    );
    for await (const page of pages)
      for (const item of page.Items ?? [])
        await doc.send(new DeleteCommand({ TableName: config.tableName, Key: { pk: item.pk, sk: item.sk } }));
  }
  for (const trackingId of created)
    await doc.send(new DeleteCommand({ TableName: config.tableName, Key: keys.figuresLedger(trackingId) }));
}

describe("figures on DynamoDB Local", () => {
  it("a concurrent burst of changes, applied by racing consumers with duplicates, loses no count", async () => {
    const burst = await Promise.all(Array.from({ length: 24 }, () => file()));
    await Promise.all(burst.map((id) => act("verify", national, id, { dispatchTo: "kab-blora" })));
    await Promise.all(
      burst.map((id, i) =>
        act("dispatch", blora, id, { agencyId: i % 2 === 0 ? "blora-dinkes" : "blora-dpupr" }),
      ),
    );
    await Promise.all(
      burst
        .filter((_, i) => i % 2 === 0)
        .slice(0, 10)
        .map((id) =>
          act("follow-ups", as("liaison_officer", "blora-dinkes"), id, {
            message: "Sedang ditangani petugas.",
          }),
        ),
    );
    // Four consumers at once, each given every report (so each report is applied up to four times).
    await Promise.all(
      Array.from({ length: 4 }, (_, k) => applyFigures([...burst.slice(k), ...burst.slice(0, k)])),
    );

    const month = (await invoke("GET /v1/stats", { query: { agencyId: "kab-blora" } })).body;
    expect(month.agency).toMatchObject({ received: 24, followedUp: 10, followUpRate: 41.7, passed: false });
    const dinkes = month.children.find((c: { agencyId: string }) => c.agencyId === "blora-dinkes");
    expect(dinkes).toMatchObject({ received: 12, followedUp: 10 });
    const root = (await invoke("GET /v1/stats", {})).body;
    expect(root.agency).toMatchObject({ agencyId: "nasional", received: 24 });
    const inbox = await invoke("GET /v1/inbox", { claims: blora });
    expect(inbox.body.counts).toMatchObject({ dispatched: 14, in_progress: 10, submitted: 0 });
  });

  it("answers CSV that a spreadsheet parser reads back, labels in the reader's language", async () => {
    const csv = await invoke("GET /v1/stats", {
      query: { agencyId: "prov-jateng", format: "csv" },
      headers: { "accept-language": "en" },
    });
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const rows = parse(csv.body as string, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ "Agency ID": "prov-jateng", "Reports received": "24", Passed: "no" });
    expect(rows.map((r) => r["Agency name"])).toContain("Pemerintah Kabupaten Blora");

    // A name with a comma, quotes, an ampersand and non-ASCII punctuation survives the round trip.
    const tricky = 'Dinas Pendidikan, Pemuda & Olahraga "Disdikpora" — Kabupaten Blora (Jawa Tengah)';
    const renamed = await invoke("PATCH /v1/agencies/{agencyId}", {
      claims: national,
      path: { agencyId: "blora-disdik" },
      body: { name: tricky },
    });
    expect(renamed.status).toBe(200);
    const id = await invoke("GET /v1/stats/rankings", {
      query: { parentId: "kab-blora", minReceived: "1" },
      headers: { accept: "text/csv" },
    });
    const ranked = parse(id.body as string, { bom: true, columns: true }) as Record<string, string>[];
    expect(ranked.map((r) => [r.Peringkat, r["ID instansi"]])).toEqual(
      expect.arrayContaining([
        ["1", "blora-dinkes"],
        ["2", "blora-dpupr"],
      ]),
    );
    expect(ranked.find((r) => r["ID instansi"] === "blora-dinkes")?.["%TL"]).toBe("83.3");
    expect(ranked.find((r) => r["ID instansi"] === "blora-disdik")?.Peringkat).toBe("");
    expect(ranked.find((r) => r["ID instansi"] === "blora-disdik")?.["Nama instansi"]).toBe(tricky);
  });

  it("the rebuild reproduces the live counters exactly, also after an agency moved", async () => {
    const live = await snapshot();
    expect(Object.keys(live).length).toBeGreaterThan(5);
    await wipeCounters();
    expect(await snapshot()).toEqual({});
    const rebuilt = await rebuildFigures(env.container());
    expect(rebuilt).toMatchObject({ reports: created.length, reconciled: created.length, differences: [] });
    expect(await snapshot()).toEqual(live);
    // Safe to re-run: nothing left to do.
    expect(await rebuildFigures(env.container())).toMatchObject({ reconciled: 0, differences: [] });

    // Move Blora's public-works office under Kota Medan; the reindex job re-writes its reports,
    // and the figures consumer (fed by the stream in AWS) moves their counts with them.
    const moved = await invoke("PATCH /v1/agencies/{agencyId}", {
      claims: national,
      path: { agencyId: "blora-dpupr" },
      body: { parentId: "kota-medan" },
    });
    expect(moved.status).toBe(200);
    for (let batch = queue.take("reindex"); batch.length > 0; batch = queue.take("reindex")) {
      const records = batch.map((body, i) => ({ messageId: `r-${i}`, body: JSON.stringify(body) }));
      await reindexJob({ Records: records } as SQSEvent);
    }
    await applyFigures(created);
    const medan = (await invoke("GET /v1/stats", { query: { agencyId: "kota-medan" } })).body.agency;
    expect(medan.received).toBe(12);
    expect((await invoke("GET /v1/stats", { query: { agencyId: "kab-blora" } })).body.agency.received).toBe(
      12,
    );

    const afterMove = await snapshot();
    await wipeCounters();
    expect(await rebuildFigures(env.container())).toMatchObject({ differences: [] });
    expect(await snapshot()).toEqual(afterMove);

    // A counter tampered with is reported and corrected.
    await env.container().figures.adjust({ [counterKey("kab-blora", LIVE)]: { dispatched: 5 } });
    const repaired = await rebuildFigures(env.container());
    expect(repaired.differences).toEqual([
      { agencyId: "kab-blora", period: LIVE, field: "dispatched", expected: 2, found: 7 },
    ]);
    expect(await snapshot()).toEqual(afterMove);
  });

  it("refuses a bad period with the error shape, naming the field", async () => {
    const backwards = await invoke("GET /v1/stats", { query: { from: "2023-05", to: "2023-01" } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.details.map((d: { field: string }) => d.field)).toEqual(["to"]);
    const month = await invoke("GET /v1/stats/rankings", { query: { from: "2023-13" } });
    expect(month.status).toBe(400);
    expect((await invoke("GET /v1/stats", { query: { agencyId: "nowhere" } })).status).toBe(404);
  });
});
