/**
 * `npm run bench:sweep` — does the escalation sweep's cost grow with the table? It must not.
 *
 * For each table size (default 2,000 and 20,000 reports) the same number of reports is overdue
 * (default 200); the rest are recent (a running but not yet due clock) or closed (no clock). The
 * sweep runs several times against DynamoDB Local; we report the median time and the read capacity
 * it consumed, next to what a full-table Scan — the approach the sparse, sharded byDueDate index
 * replaces — would consume. Environment: BENCH_SIZES=2000,20000 BENCH_OVERDUE=200 BENCH_RUNS=5.
 */
import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { createDocumentClient } from "../../functions/adapters/dynamodb/client";
import { DynamoDueIndex } from "../../functions/adapters/dynamodb/due-index";
import { DynamoReportRepository } from "../../functions/adapters/dynamodb/report-repository";
import demo from "../../functions/data/demo-directory.json";
import { Directory, type DirectoryData } from "../../functions/domain/directory";
import { createReport, type Report, type TimelineEvent } from "../../functions/domain/report";
import { trackingIdFromRandom } from "../../functions/domain/tracking-id";
import { deadlineRulesFrom } from "../../functions/shared/deadline-rules";
import type { MessageQueue } from "../../functions/use-cases/ports";
import { sweepOverdue } from "../../functions/use-cases/sweep-overdue";
import { dropTable, ensureTable } from "../../local/create-table";
import { LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from "../../local/dynamodb-local";

const sizes = (process.env.BENCH_SIZES ?? "2000,20000").split(",").map(Number);
const overdue = Number(process.env.BENCH_OVERDUE ?? 200);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const now = new Date("2026-11-23T03:00:00Z");
const rules = deadlineRulesFrom({});
const directory = new Directory(demo as DirectoryData);
const agencies = ["nasional", "kab-blora", "blora-dinkes", "kota-medan", "medan-dishub", "kemenkes"];

/** Counts what the sweep sends; the queue's own cost is not what is measured here. */
class CountingQueue implements MessageQueue {
  sent = 0;
  async send(_queue: string, messages: readonly Record<string, unknown>[]) {
    this.sent += messages.length;
  }
}

function reportAt(
  index: number,
  submittedAt: Date,
  status?: "resolved",
): { report: Report; event: TimelineEvent } {
  const digits = Array.from({ length: 9 }, (_, i) => Math.floor(index / 29 ** i) % 29);
  const created = createReport(
    {
      kind: "complaint",
      title: `Laporan nomor ${index}`,
      description: "Benchmark report body text.",
      category: "infrastructure.roads",
      agencyId: agencies[index % agencies.length],
    },
    { trackingId: trackingIdFromRandom(digits), accessTokenHash: "00", now: submittedAt, directory, rules },
  );
  if (!status) return created;
  return {
    ...created,
    report: { ...created.report, status, deadlines: {}, nextDue: undefined, overdueAt: undefined },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main() {
  console.log(`Starting DynamoDB Local (in memory)…`);
  const dynamo = await startDynamoDbLocal({});
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const doc = createDocumentClient(client);
  const rows: string[] = [];
  try {
    for (const size of sizes) {
      const tableName = `bench-sweep-${size}`;
      await ensureTable(client, tableName);
      const reports = new DynamoReportRepository(doc, tableName);
      const started = performance.now();
      const batch: { report: Report; event: TimelineEvent }[] = [];
      for (let i = 0; i < size; i++) {
        if (i < overdue)
          batch.push(reportAt(i, new Date(now.getTime() - 10 * 86_400_000))); // verification overdue
        else if (i % 2 === 0)
          batch.push(reportAt(i, now)); // clock running, not due
        else batch.push(reportAt(i, new Date(now.getTime() - 90 * 86_400_000), "resolved")); // closed
        if (batch.length === 500 || i === size - 1) {
          await reports.importReports(batch.splice(0));
          process.stdout.write(`\r  ${tableName}: loaded ${i + 1}/${size} reports`);
        }
      }
      console.log(` in ${((performance.now() - started) / 1000).toFixed(1)} s`);

      const times: number[] = [];
      const units: number[] = [];
      let queued = 0;
      for (let run = 0; run < runs; run++) {
        const queue = new CountingQueue();
        const t0 = performance.now();
        const result = await sweepOverdue({
          dueIndex: new DynamoDueIndex(doc, tableName),
          queue,
          clock: { now: () => now },
        });
        times.push(performance.now() - t0);
        units.push(result.consumedReadUnits);
        queued = queue.sent;
      }
      let scanUnits = 0;
      let key: Record<string, never> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({ TableName: tableName, ReturnConsumedCapacity: "TOTAL", ExclusiveStartKey: key }),
        );
        scanUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
        key = page.LastEvaluatedKey as typeof key;
      } while (key);
      rows.push(
        `| ${size.toLocaleString("en")} | ${queued} | ${median(units).toFixed(1)} | ${median(times).toFixed(1)} ms | ${scanUnits.toFixed(1)} |`,
      );
      await dropTable(client, tableName);
    }
  } finally {
    client.destroy();
    await dynamo.stop();
  }
  console.log(
    `\nSweep over ${overdue} overdue reports, median of ${runs} runs (DynamoDB Local, this machine):\n`,
  );
  console.log(
    "| reports in table | actions queued | sweep read units | sweep time | full Scan read units (for comparison) |",
  );
  console.log("|---|---|---|---|---|");
  for (const row of rows) console.log(row);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
