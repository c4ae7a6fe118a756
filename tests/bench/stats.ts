/**
 * `npm run bench:stats` — what do the agency figures cost?
 *
 * 1. Reading: a province with 20 regencies, a year (12 months) of reports — 10 a month per regency
 *    by default, then 10× that. The counters a year of reports adds up to are written, and
 *    `GET /v1/stats` for the province and the year is read several times: the read capacity must
 *    be the same for both sizes (it is agencies × months, never reports).
 * 2. Writing: reports taken through their life on DynamoDB Local with the real use cases; each state
 *    change's own write units are set beside the write (and read) units the figures consumer then
 *    spends applying it, measured by DynamoDB Local's consumed capacity.
 *
 * Environment: BENCH_PER_MONTH=10 BENCH_FACTOR=10 BENCH_RUNS=5 BENCH_LIVE=30.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createDocumentClient } from "../../functions/adapters/dynamodb/client";
import { DynamoFiguresStore } from "../../functions/adapters/dynamodb/figures-store";
import { DynamoReportRepository } from "../../functions/adapters/dynamodb/report-repository";
import { cryptoIds } from "../../functions/adapters/system/ids";
import demo from "../../functions/data/demo-directory.json";
import { Directory, type DirectoryData } from "../../functions/domain/directory";
import { addInto, type Contributions, contributionsOf } from "../../functions/domain/figures";
import type { Report, TimelineEvent } from "../../functions/domain/report";
import { buildContainer, type Container } from "../../functions/shared/container";
import { deadlineRulesFrom } from "../../functions/shared/deadline-rules";
import { withTokenSecrets } from "../../functions/shared/token-secrets";
import { addFollowUp } from "../../functions/use-cases/add-follow-up";
import { applyFigures } from "../../functions/use-cases/apply-figures";
import { getStats } from "../../functions/use-cases/get-stats";
import { giveFeedback } from "../../functions/use-cases/give-feedback";
import { seedDirectory } from "../../functions/use-cases/seed-directory";
import { submitReport } from "../../functions/use-cases/submit-report";
import { verifyReport } from "../../functions/use-cases/verify-report";
import { dropTable, ensureTable } from "../../local/create-table";
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from "../../local/dynamodb-local";
import { MemoryTokenSecrets } from "../fixtures/in-memory";

const perMonth = Number(process.env.BENCH_PER_MONTH ?? 10);
const factor = Number(process.env.BENCH_FACTOR ?? 10);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const liveReports = Number(process.env.BENCH_LIVE ?? 30);
const REGENCIES = 20;
const rules = deadlineRulesFrom({});

const benchDirectory: DirectoryData = {
  agencies: [
    ...(demo as DirectoryData).agencies,
    { id: "prov-bench", name: "Provinsi Bench", level: "province", parentId: "nasional" },
    ...Array.from({ length: REGENCIES }, (_, i) => ({
      id: `bench-${i + 1}`,
      name: `Kabupaten Bench ${i + 1}`,
      level: "regency" as const,
      parentId: "prov-bench",
    })),
  ],
  categories: (demo as DirectoryData).categories,
};
const directory = new Directory(benchDirectory);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** A report of 2025 received by a regency, followed up and resolved for most, as stored. */
function yearReport(
  index: number,
  regency: number,
  month: number,
): { report: Report; timeline: TimelineEvent[] } {
  const at = (day: number, hour = 3) =>
    new Date(Date.UTC(2025, month, Math.min(day, 28), hour)).toISOString();
  const agencyId = `bench-${regency + 1}`;
  const followed = index % 10 < 7;
  const resolved = index % 10 < 5;
  const report = {
    trackingId: `B${index}`,
    kind: "complaint",
    title: "t",
    description: "d",
    category: "infrastructure.roads",
    assignedAgencyId: agencyId,
    agencyPath: directory.ancestry(agencyId),
    anonymous: false,
    confidential: false,
    accessTokenHash: "00",
    status: resolved ? "resolved" : followed ? "in_progress" : "dispatched",
    version: 3,
    createdAt: at(1 + (index % 20)),
    updatedAt: at(1 + (index % 20)),
    verifiedAt: at(2 + (index % 20)),
    ...(resolved && { resolvedAt: at(9 + (index % 20)), rating: 1 + (index % 5) }),
  } as Report;
  const event = (seq: number, type: TimelineEvent["type"], day: number): TimelineEvent => ({
    seq,
    at: at(day),
    type,
    actor: { kind: "system" },
    status: report.status,
    agencyId,
    visibility: "public",
  });
  const timeline = [event(1, "submitted", 1 + (index % 20)), event(2, "verified", 2 + (index % 20))];
  if (followed) timeline.push(event(3, "follow_up_published", 3 + (index % 20)));
  return { report, timeline };
}

/** Sums what every report of a year adds to the counters (what the consumer would have written). */
function yearOfCounters(reportsPerMonthPerRegency: number): { counters: Contributions; reports: number } {
  const counters: Contributions = {};
  let index = 0;
  for (let month = 0; month < 12; month++)
    for (let regency = 0; regency < REGENCIES; regency++)
      for (let n = 0; n < reportsPerMonthPerRegency; n++) {
        const { report, timeline } = yearReport(index++, regency, month);
        addInto(counters, contributionsOf(report, timeline, { directory, rules }));
      }
  return { counters, reports: index };
}

/** Sums the capacity every DynamoDB call of a client consumed, asking for it on each call. */
function meter(client: DynamoDBClient) {
  const used = { read: 0, write: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity ??= "TOTAL";
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: unknown };
      const entries = [output.ConsumedCapacity ?? []].flat() as {
        CapacityUnits?: number;
        ReadCapacityUnits?: number;
        WriteCapacityUnits?: number;
      }[];
      for (const entry of entries) {
        if (entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined) {
          used.read += entry.ReadCapacityUnits ?? 0;
          used.write += entry.WriteCapacityUnits ?? 0;
        } else if (/^(Get|BatchGet|Query|Scan|TransactGet)/.test(String(context.commandName))) {
          used.read += entry.CapacityUnits ?? 0;
        } else used.write += entry.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: "initialize", name: "benchMeter" },
  );
  return used;
}

async function main() {
  console.log("Starting DynamoDB Local (in memory)…");
  const dynamo = await startDynamoDbLocal({});
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const doc = createDocumentClient(client);
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_ACCESS_KEY_ID = LOCAL_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_CREDENTIALS.secretAccessKey;
  process.env.AWS_REGION = LOCAL_REGION;
  const readRows: string[] = [];
  const writeRows: string[] = [];
  try {
    // 1. Reading a year of a province's figures, at two volumes.
    for (const size of [perMonth, perMonth * factor]) {
      const tableName = `bench-stats-${size}`;
      await ensureTable(client, tableName);
      const figures = new DynamoFiguresStore(doc, tableName);
      const ports = {
        directory: { load: async () => directory } as never,
        figures,
        clock: { now: () => new Date("2026-01-15T00:00:00Z") },
        rules,
        figuresSettings: { passingGradePercent: 60, rankingMinReceived: 10 },
      };
      const { counters, reports } = yearOfCounters(size);
      await figures.adjust(counters);
      const units: number[] = [];
      const times: number[] = [];
      let received = 0;
      for (let run = 0; run < runs; run++) {
        const before = figures.consumed.readUnits;
        const t0 = performance.now();
        const stats = await getStats(ports, { agencyId: "prov-bench", from: "2025-01", to: "2025-12" });
        times.push(performance.now() - t0);
        units.push(figures.consumed.readUnits - before);
        received = stats.agency.received;
      }
      readRows.push(
        `| ${reports.toLocaleString("en")} | ${received.toLocaleString("en")} | ${REGENCIES + 1} × 12 | ${median(units).toFixed(1)} | ${median(times).toFixed(1)} ms |`,
      );
      console.log(`  read: ${reports} reports done`);
      await dropTable(client, tableName);
    }

    // 2. The write cost of counters per state change, through the real use cases.
    const tableName = "bench-stats-live";
    await ensureTable(client, tableName);
    const meteredClient = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const used = meter(meteredClient);
    const meteredDoc = createDocumentClient(meteredClient);
    const metered: Container = buildContainer(
      { tableName, stage: "bench" },
      {
        tokenSecrets: new MemoryTokenSecrets(),
        ids: cryptoIds,
        queue: { send: async () => {} },
        reports: new DynamoReportRepository(meteredDoc, tableName),
        figures: new DynamoFiguresStore(meteredDoc, tableName),
      },
    );
    await seedDirectory(metered, benchDirectory);
    const steps: Record<
      string,
      Record<"change" | "figuresWrite" | "figuresItems" | "figuresRead", number[]>
    > = {};
    const figuresStore = metered.figures as DynamoFiguresStore;
    const measure = async (step: string, trackingId: string, act: () => Promise<unknown>) => {
      const a = { ...used };
      await act();
      const b = { ...used };
      const items = figuresStore.consumed.transactionItems;
      await applyFigures(metered, trackingId);
      const c = { ...used };
      const entry = steps[step] ?? { change: [], figuresWrite: [], figuresItems: [], figuresRead: [] };
      steps[step] = entry;
      entry.change.push(b.write - a.write);
      entry.figuresWrite.push(c.write - b.write);
      entry.figuresItems.push(figuresStore.consumed.transactionItems - items);
      entry.figuresRead.push(c.read - b.read);
    };
    const national = { userId: "n", role: "national_admin" as const, agencyId: "nasional" };
    const regency = { userId: "r", role: "agency_admin" as const, agencyId: "bench-3" };
    for (let i = 0; i < liveReports; i++) {
      const { receipt } = await submitReport(withTokenSecrets(metered), {
        kind: "complaint",
        title: "Jalan rusak di desa",
        description: "Jalan berlubang besar sejak Januari lalu.",
        category: "infrastructure.roads",
      });
      await applyFigures(metered, receipt.trackingId);
      const id = receipt.trackingId;
      await measure("verified and dispatched", id, () =>
        verifyReport(metered, national, id, { dispatchTo: "bench-3" }),
      );
      await measure("final follow-up published", id, () =>
        addFollowUp(metered, regency, id, { message: "Sudah diperbaiki.", final: true }),
      );
      await measure("accepted with a rating", id, () =>
        giveFeedback(metered, id, receipt.accessToken, { accepted: true, rating: 5 }),
      );
    }
    for (const [step, entry] of Object.entries(steps)) {
      writeRows.push(
        `| ${step} | ${median(entry.change).toFixed(1)} | ${median(entry.figuresWrite).toFixed(1)} | ${median(entry.figuresItems)} items → ${2 * median(entry.figuresItems)} | ${median(entry.figuresRead).toFixed(1)} |`,
      );
    }
    meteredClient.destroy();
    await dropTable(client, tableName);
  } finally {
    client.destroy();
    await dynamo.stop();
  }
  console.log(
    `\nReading a year of a province's figures (20 regencies), median of ${runs} runs (DynamoDB Local, this machine):\n`,
  );
  console.log(
    "| reports in the year | received (province row) | counter partitions × months | read units | time |",
  );
  console.log("|---|---|---|---|---|");
  for (const row of readRows) console.log(row);
  console.log(
    `\nWrite cost of the counters per state change, median of ${liveReports} reports (write units; a regency under a province under the root):\n`,
  );
  console.log(
    "| state change | the change itself (indexes included) | figures consumer, writes (DynamoDB Local) | figures transaction at AWS's price (2 per item ≤ 1 KB) | figures consumer, reads |",
  );
  console.log("|---|---|---|---|---|");
  for (const row of writeRows) console.log(row);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
