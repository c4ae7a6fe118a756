import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentClient } from "../../functions/adapters/dynamodb/client";
import { DynamoDirectoryRepository } from "../../functions/adapters/dynamodb/directory-repository";
import { DynamoReportRepository } from "../../functions/adapters/dynamodb/report-repository";
import { Directory } from "../../functions/domain/directory";
import { createReport } from "../../functions/domain/report";
import type { IdempotencyRecord } from "../../functions/use-cases/ports";
import { demoDirectoryData, sequentialIds, testRules, validReport } from "../fixtures/in-memory";
import { createTestTable, type TestTable } from "../setup/test-table";

let table: TestTable;
let reports: DynamoReportRepository;
const directory = new Directory(demoDirectoryData);
const ids = sequentialIds(Array.from({ length: 50 }, (_, i) => i + 1));
const now = new Date("2026-11-23T03:00:00Z");

function newReport(
  overrides: Partial<typeof validReport> & { agencyId?: string } = {},
  trackingId = ids.trackingId(),
) {
  return createReport(
    { ...validReport, ...overrides },
    { trackingId, accessTokenHash: "ab".repeat(32), now, directory, rules: testRules },
  );
}

function record(
  keyHash: string,
  trackingId: string,
  expiresAt = now.getTime() / 1000 + 3600,
): IdempotencyRecord {
  return {
    keyHash,
    fingerprint: "f1",
    trackingId,
    response: { trackingId },
    createdAt: now.toISOString(),
    expiresAt,
  };
}

beforeAll(async () => {
  table = await createTestTable();
  reports = new DynamoReportRepository(createDocumentClient(table.client), table.tableName);
});
afterAll(async () => table?.drop());

describe("DynamoReportRepository", () => {
  it("stores a report with its first event and reads both back, without storage attributes", async () => {
    const { report, event } = newReport({ agencyId: "blora-dinkes" });
    expect(await reports.create(report, event)).toEqual({ kind: "created" });

    const stored = await reports.load(report.trackingId);
    expect(stored?.report).toEqual(report);
    expect(stored?.timeline).toEqual([event]);
  });

  it("indexes the report in the inbox of every ancestor agency", async () => {
    const { report, event } = newReport({ agencyId: "blora-dinkes" });
    await reports.create(report, event);
    const item = await table.doc.send(
      new GetCommand({
        TableName: table.tableName,
        Key: { pk: `REPORT#${report.trackingId}`, sk: "REPORT" },
      }),
    );
    expect(item.Item).toMatchObject({
      inbox0pk: "nasional#submitted",
      inbox1pk: "prov-jateng#submitted",
      inbox2pk: "kab-blora#submitted",
      inbox3pk: "blora-dinkes#submitted",
      inboxSk: `${report.createdAt}#${report.trackingId}`,
    });
    expect(item.Item).not.toHaveProperty("inbox4pk");

    const inbox = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: "byAgencyStatus2",
        KeyConditionExpression: "inbox2pk = :pk",
        ExpressionAttributeValues: { ":pk": "kab-blora#submitted" },
      }),
    );
    expect(inbox.Items?.map((i) => i.trackingId)).toContain(report.trackingId);
  });

  it("never overwrites a report: a reused tracking ID is reported, not written", async () => {
    const first = newReport();
    await reports.create(first.report, first.event);
    const twin = newReport({ title: "Completely different title" }, first.report.trackingId);
    expect(await reports.create(twin.report, twin.event)).toEqual({ kind: "tracking_id_taken" });
    expect((await reports.load(first.report.trackingId))?.report.title).toBe(validReport.title);
  });

  it("returns the existing idempotency record instead of writing a second report", async () => {
    const a = newReport();
    const b = newReport();
    expect(await reports.create(a.report, a.event, record("k1", a.report.trackingId))).toEqual({
      kind: "created",
    });
    const outcome = await reports.create(b.report, b.event, record("k1", b.report.trackingId));
    expect(outcome).toMatchObject({
      kind: "idempotency_key_taken",
      record: { trackingId: a.report.trackingId },
    });
    expect(await reports.load(b.report.trackingId)).toBeUndefined();
  });

  it("lets exactly one of many concurrent creates with one key win", async () => {
    const attempts = Array.from({ length: 6 }, () => newReport());
    const outcomes = await Promise.all(
      attempts.map(({ report, event }) => reports.create(report, event, record("k-race", report.trackingId))),
    );
    expect(outcomes.filter((o) => o.kind === "created")).toHaveLength(1);
    const winners = await Promise.all(attempts.map(({ report }) => reports.load(report.trackingId)));
    expect(winners.filter(Boolean)).toHaveLength(1);
  });

  it("treats an expired idempotency record as absent and lets a new report take the key", async () => {
    const a = newReport();
    await reports.create(a.report, a.event, record("k-old", a.report.trackingId, now.getTime() / 1000 - 1));
    expect(await reports.findIdempotency("k-old", now)).toBeUndefined();
    const b = newReport();
    expect(await reports.create(b.report, b.event, record("k-old", b.report.trackingId))).toEqual({
      kind: "created",
    });
    expect((await reports.findIdempotency("k-old", now))?.trackingId).toBe(b.report.trackingId);
  });

  it("answers undefined for an unknown report", async () => {
    expect(await reports.load(ids.trackingId())).toBeUndefined();
  });
});

describe("DynamoDirectoryRepository", () => {
  it("round-trips the whole directory, in batches larger than 25 items", async () => {
    const repository = new DynamoDirectoryRepository(createDocumentClient(table.client), table.tableName);
    const written = await repository.save(demoDirectoryData);
    expect(written).toBe(demoDirectoryData.agencies.length + demoDirectoryData.categories.length);
    expect(written).toBeGreaterThan(25);

    const loaded = await repository.load();
    expect(
      loaded
        .listAgencies()
        .map((a) => a.id)
        .sort(),
    ).toEqual(demoDirectoryData.agencies.map((a) => a.id).sort());
    expect(loaded.agency("kab-blora")).toEqual(demoDirectoryData.agencies.find((a) => a.id === "kab-blora"));
    expect(loaded.categoryTree().length).toBeGreaterThan(3);
  });
});
