/**
 * Local fails where AWS would (issue 8): a handler served locally gets only the environment and the
 * AWS calls its manifest access grants — against DynamoDB Local, with the real guard.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler as getReport } from "../../functions/http/get-report";
import { accessByHandler } from "../../functions/manifests/grants";
import { JOBS } from "../../functions/manifests/jobs";
import { ROUTES } from "../../functions/manifests/routes";
import { runWithContainer } from "../../functions/shared/container";
import { exportLinksOf } from "../../functions/shared/export-files";
import { exportStoreOf } from "../../functions/shared/export-store";
import { withQueue } from "../../functions/shared/queue";
import { ENV } from "../../functions/shared/runtime-config";
import { withTokenSecrets } from "../../functions/shared/token-secrets";
import { seedDirectory } from "../../functions/use-cases/seed-directory";
import { submitReport } from "../../functions/use-cases/submit-report";
import { localContainers } from "../../local/grants";
import { httpEvent, lambdaContext } from "../fixtures/http-events";
import { demoDirectoryData, FixedClock, validReport } from "../fixtures/in-memory";
import { createTestTable, type TestTable } from "../setup/test-table";

let table: TestTable;
let containers: ReturnType<typeof localContainers>;
const saved = { ...process.env };

beforeAll(async () => {
  table = await createTestTable();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = table.endpoint;
  const env = {
    [ENV.tableName]: table.tableName,
    [ENV.stage]: "test",
    [ENV.reindexQueueUrl]: "http://127.0.0.1:1/000000000000/reindex",
    [ENV.accessTokenSecretFile]: "/nonexistent",
  };
  containers = localContainers({ env, clock: new FixedClock(new Date("2026-11-23T03:00:00Z")) });
  const writer = containers("seed", { table: "readWrite" })();
  await seedDirectory(writer, demoDirectoryData);
});
afterAll(async () => {
  process.env = saved;
  await table?.drop();
});

const grants = accessByHandler(ROUTES);
const accessOf = (handler: string) => grants.get(handler) ?? {};

describe("local grants", () => {
  it("export files: the job writes under exports/ only, the status route only reads, others nothing", async () => {
    const jobs = accessByHandler(JOBS);
    const guarded = (handler: string) => {
      const container = containers(handler, jobs.get(handler) ?? accessOf(handler))();
      // No bucket is reached: the guard answers before any request, and the rest fails to connect.
      const withBucket = { ...container, config: { ...container.config, exportsBucket: "aduan-test" } };
      const store = exportStoreOf(withBucket);
      const links = exportLinksOf(withBucket);
      return { write: store.write.bind(store), downloadUrl: links.downloadUrl.bind(links) };
    };
    const writer = guarded("write-export");
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => "allowed",
        (e: Error) => (e.name === "AccessDeniedException" ? e.message : "allowed"),
      );
    const chunks = async function* () {
      yield "x";
    };
    expect(await refusal(writer.write("attachments/photo.jpg", chunks()))).toMatch(
      /write-export is not allowed s3:PutObject on attachments\/photo.jpg/,
    );
    expect(await refusal(writer.write("exports/e.csv", chunks()))).toBe("allowed");
    expect(await refusal(guarded("api-staff").write("exports/e.csv", chunks()))).toMatch(/s3:PutObject/);
    expect(await refusal(guarded("api-staff").downloadUrl("exports/e.csv", 60))).toBe("allowed");
    expect(await refusal(guarded("api-public-reads").downloadUrl("exports/e.csv", 60))).toMatch(
      /s3:GetObject/,
    );
  });

  it("a read-only handler's container reads, and is refused a write as IAM would refuse it", async () => {
    const reader = containers("api-public-reads", accessOf("api-public-reads"))();
    expect((await reader.directory.load()).agency("nasional")).toBeDefined();
    const error = await reader.directory
      .putAgency({ id: "x-y", name: "X", level: "unit", parentId: "nasional" }, "create")
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(error?.name).toBe("AccessDeniedException");
    expect(error?.message).toMatch(/api-public-reads is not allowed dynamodb:PutItem/);
  });

  it("only a function with channels access reads an agency's contacts and webhooks, as IAM's deny on their partitions", async () => {
    const reason = (promise: Promise<unknown>) =>
      promise.then(
        () => "allowed",
        (e: Error) => (e.name === "AccessDeniedException" ? e.message : `failed: ${e.message}`),
      );
    const admin = containers("api-admin", accessOf("api-admin"))();
    await admin.channels.setContacts("kab-blora", ["pengaduan@blorakab.go.id"]);
    expect(await reason(admin.channels.load("kab-blora"))).toBe("allowed");
    // Table read or write access alone is not enough: staff, intake, reads, jobs without channels.
    for (const handler of ["api-public-reads", "api-public-writes", "api-staff"])
      expect(
        await reason(containers(`${handler}-channels`, accessOf(handler))().channels.load("kab-blora")),
      ).toMatch(/not allowed dynamodb:(Query|GetItem) on the NOTIFY# partitions/);
    const figures = containers("apply-figures-channels", accessByHandler(JOBS).get("apply-figures") ?? {})();
    expect(await reason(figures.channels.load("kab-blora"))).toMatch(/NOTIFY# partitions/);
  });

  it("a handler gets only the environment its access grants", () => {
    const reader = containers("api-public-reads", accessOf("api-public-reads"))();
    expect(reader.config.tableName).toBe(table.tableName);
    expect(reader.config.reindexQueueUrl).toBeUndefined();
    expect(reader.config.accessTokenSecretFile).toBeUndefined();
    const mover = containers("api-admin", accessOf("api-admin"))();
    expect(mover.config.reindexQueueUrl).toBeDefined();
    const intake = containers("api-public-writes", accessOf("api-public-writes"))();
    expect(intake.config.accessTokenSecretFile).toBe("/nonexistent");
  });

  it("a handler without the queue in its access cannot send to it", async () => {
    const reader = containers("api-public-reads-2", accessOf("api-public-reads"))();
    const refused = await withQueue(reader)
      .queue.send("reindex", [{ v: 1, jobId: "j", agencyId: "a", fromDepth: 0, statusIndex: 0, step: 0 }])
      .then(
        () => "sent",
        (e: Error) => e.message,
      );
    expect(refused).toMatch(/no URL configured for the reindex queue/);
  });

  it("the real handler runs in its own container through runWithContainer", async () => {
    const intake = containers("api-public-writes", accessOf("api-public-writes"))();
    const { receipt } = await submitReport(withTokenSecrets(intake), validReport);
    const provide = containers("api-public-reads", accessOf("api-public-reads"));
    const response = await runWithContainer(provide, () =>
      getReport(httpEvent({ pathParameters: { trackingId: receipt.trackingId } }), lambdaContext),
    );
    expect(response.statusCode).toBe(200);
  });
});
