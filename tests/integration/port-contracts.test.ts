/**
 * One contract per port, run over its in-memory fake (what use-case unit tests use) and its real
 * adapter on DynamoDB Local, so that a fake cannot silently differ from what it stands in for.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DynamoDirectoryRepository } from "../../functions/adapters/dynamodb/directory-repository";
import { DynamoDueIndex } from "../../functions/adapters/dynamodb/due-index";
import { DynamoReindexJobs } from "../../functions/adapters/dynamodb/reindex-jobs";
import { DynamoReportRepository } from "../../functions/adapters/dynamodb/report-repository";
import { announceAttachment, DEFAULT_ATTACHMENT_RULES } from "../../functions/domain/attachments";
import { Directory } from "../../functions/domain/directory";
import { createReport, type Report } from "../../functions/domain/report";
import { hold, verify } from "../../functions/domain/staff-actions";
import { apply } from "../../functions/domain/transitions";
import { DUE_SHARDS } from "../../functions/manifests/table-design";
import type {
  DirectoryRepository,
  DueIndex,
  IdempotencyRecord,
  ReindexJob,
  ReindexJobs,
  ReportRepository,
} from "../../functions/use-cases/ports";
import { domainRejectionOf } from "../fixtures/errors";
import {
  demoDirectoryData,
  MemoryDirectory,
  MemoryDueIndex,
  MemoryReindexJobs,
  MemoryReports,
  sequentialIds,
  testRules,
  validReport,
} from "../fixtures/in-memory";
import { portImplementations } from "../setup/test-table";

interface Ports {
  readonly reports: ReportRepository;
  readonly directory: DirectoryRepository;
  readonly reindexJobs: ReindexJobs;
  readonly dueIndex: DueIndex;
}

const implementations = portImplementations<Ports>(
  () => {
    const reports = new MemoryReports();
    const directory = new MemoryDirectory();
    return {
      reports,
      directory,
      reindexJobs: new MemoryReindexJobs(directory),
      dueIndex: new MemoryDueIndex(reports),
    };
  },
  async (table) => {
    const directory = new DynamoDirectoryRepository(table.doc, table.tableName);
    await directory.save(demoDirectoryData);
    return {
      reports: new DynamoReportRepository(table.doc, table.tableName),
      directory,
      reindexJobs: new DynamoReindexJobs(table.doc, table.tableName),
      dueIndex: new DynamoDueIndex(table.doc, table.tableName),
    };
  },
);

const directory = new Directory(demoDirectoryData);
const t0 = new Date("2026-11-23T03:00:00Z");
const national = { userId: "n", role: "national_admin" as const, agencyId: "nasional" };

describe.each(implementations)("ports (%s)", (_, make) => {
  let ports: Ports;
  const ids = sequentialIds(Array.from({ length: 60 }, (_, i) => i + 1));
  const file = (minutes: number, extra: Partial<typeof validReport> & { agencyId?: string } = {}) =>
    createReport(
      { ...validReport, ...extra },
      {
        trackingId: ids.trackingId(),
        accessTokenHash: "ab".repeat(32),
        now: new Date(t0.getTime() + minutes * 60_000),
        directory,
        rules: testRules,
      },
    );
  const record = (keyHash: string, trackingId: string, expiresAt: number): IdempotencyRecord => ({
    keyHash,
    fingerprint: "f",
    trackingId,
    response: { trackingId },
    createdAt: t0.toISOString(),
    expiresAt,
  });

  beforeAll(async () => {
    ports = await make();
  });

  describe("ReportRepository", () => {
    it("creates once: a taken tracking ID or a live idempotency key is reported, an expired key taken over", async () => {
      const a = file(1);
      expect(
        await ports.reports.create(
          a.report,
          a.event,
          record("k1", a.report.trackingId, t0.getTime() / 1000 + 3600),
        ),
      ).toEqual({
        kind: "created",
      });
      expect(await ports.reports.create(a.report, a.event)).toEqual({ kind: "tracking_id_taken" });
      const b = file(2);
      const taken = await ports.reports.create(
        b.report,
        b.event,
        record("k1", b.report.trackingId, t0.getTime() / 1000 + 3600),
      );
      expect(taken).toMatchObject({
        kind: "idempotency_key_taken",
        record: { trackingId: a.report.trackingId },
      });
      const c = file(3);
      const expiredKey = record("k2", c.report.trackingId, t0.getTime() / 1000 - 1);
      expect(await ports.reports.create(c.report, c.event, expiredKey)).toEqual({ kind: "created" });
      expect(await ports.reports.findIdempotency("k2", t0)).toBeUndefined();
      expect((await ports.reports.load(a.report.trackingId))?.timeline).toHaveLength(1);
      expect(await ports.reports.load("22222-22222")).toBeUndefined();
    });

    it("saves a change only at the version it was decided on", async () => {
      const { report, event } = file(4);
      await ports.reports.create(report, event);
      const ctx = { now: t0, directory, rules: testRules };
      const change = hold(report, national, "why", ctx);
      expect(await ports.reports.saveChange(report.version, change)).toBe("saved");
      expect(await ports.reports.saveChange(report.version, hold(report, national, "again", ctx))).toBe(
        "conflict",
      );
      expect((await ports.reports.load(report.trackingId))?.report.status).toBe("on_hold");
    });

    it("counts attachments to a limit, settles one only from pending, and gives a rejected one's slot back", async () => {
      const { report, event } = file(5);
      await ports.reports.create(report, event);
      const attachment = (id: string) =>
        announceAttachment(
          report,
          [],
          { fileName: `${id}.pdf`, contentType: "application/pdf", size: 9 },
          {
            id,
            uploader: { kind: "reporter" },
            now: t0,
            rules: DEFAULT_ATTACHMENT_RULES,
          },
        );
      expect(await ports.reports.announceAttachment(attachment("a1"), 2)).toBe("saved");
      expect(await ports.reports.announceAttachment(attachment("a2"), 2)).toBe("saved");
      expect(await ports.reports.announceAttachment(attachment("a3"), 2)).toBe("limit");
      const stored = await ports.reports.load(report.trackingId);
      expect(stored?.attachments?.map((a) => a.id).sort()).toEqual(["a1", "a2"]);

      const ctx = { now: t0, directory, rules: testRules };
      const reject = (version: Report) => ({
        ...apply(
          version,
          "check_attachment",
          ctx,
          {},
          {
            type: "attachment_rejected" as const,
            actor: { kind: "system" as const },
            visibility: "reporter" as const,
          },
        ),
        attachment: { ...attachment("a1"), status: "rejected" as const },
        attachmentWas: "pending" as const,
      });
      expect(await ports.reports.saveChange(report.version, reject(report))).toBe("saved");
      const after = (await ports.reports.load(report.trackingId))?.report as Report;
      // Settled already: the same verdict again conflicts, whatever the version.
      expect(await ports.reports.saveChange(after.version, reject(after))).toBe("conflict");
      expect(await ports.reports.announceAttachment(attachment("a3"), 2)).toBe("saved");
    });

    it("lists a subtree's inbox newest first, page by page, with resumable cursors, the overdue filter and no forged cursor", async () => {
      const filed: Report[] = [];
      for (let i = 0; i < 5; i++) {
        const { report, event } = file(100 + i, { agencyId: "kab-blora" });
        await ports.reports.create(report, event);
        filed.push(report);
      }
      const query = { agencyId: "prov-jateng", depth: 1, status: "submitted" as const };
      const first = await ports.reports.inbox({ ...query, limit: 2 });
      expect(first.reports.map((r) => r.trackingId)).toEqual([filed[4]?.trackingId, filed[3]?.trackingId]);
      expect(first.cursor).toBeDefined();
      const afterFirst = await ports.reports.inbox({ ...query, limit: 2, cursor: first.resumeAfter[0] });
      expect(afterFirst.reports[0]?.trackingId).toBe(filed[3]?.trackingId);
      const rest = await ports.reports.inbox({ ...query, limit: 10, cursor: first.cursor });
      expect(rest.reports.map((r) => r.trackingId)).toEqual(
        filed
          .slice(0, 3)
          .reverse()
          .map((r) => r.trackingId),
      );
      expect(rest.cursor).toBeUndefined();
      const overdue = await ports.reports.inbox({
        ...query,
        limit: 10,
        overdueAt: new Date("2027-01-01T00:00:00Z"),
      });
      expect(overdue.reports.length).toBeGreaterThanOrEqual(5);
      const notYet = await ports.reports.inbox({ ...query, limit: 10, overdueAt: t0 });
      expect(notYet.reports).toHaveLength(0);
      const forged = Buffer.from(JSON.stringify({ inbox1pk: "kota-medan#submitted", inboxSk: "z" })).toString(
        "base64url",
      );
      expect(
        (await domainRejectionOf(ports.reports.inbox({ ...query, limit: 2, cursor: forged }))).code,
      ).toBe("invalid_cursor");
    });

    it("rewrites a report's ancestry only at its version", async () => {
      const { report, event } = file(200);
      await ports.reports.create(report, event);
      const moved = { ...report, agencyPath: ["nasional", "prov-sumut"] };
      expect(await ports.reports.reindex(moved)).toBe("saved");
      expect((await ports.reports.load(report.trackingId))?.report.agencyPath).toEqual([
        "nasional",
        "prov-sumut",
      ]);
      expect(await ports.reports.reindex({ ...moved, version: 7 })).toBe("conflict");
    });
  });

  describe("ReportRepository.publicMonth (the sparse byPublicList index)", () => {
    it("holds verified, non-confidential reports of a month, newest first, in pages that resume exactly", async () => {
      const verified = (
        minutes: number,
        extra: Partial<typeof validReport> & { confidential?: boolean } = {},
      ) => {
        const filed = file(minutes, extra);
        return verify(
          filed.report,
          national,
          {},
          { now: new Date(t0.getTime() + (minutes + 1) * 60_000), directory, rules: testRules },
        );
      };
      const month = t0.toISOString().slice(0, 7);
      const shown = [verified(400), verified(401), verified(402)];
      const hidden = [file(403), verified(404, { confidential: true })];
      for (const { report, event } of [...shown, ...hidden]) await ports.reports.create(report, event);
      const from = new Date(t0.getTime() + 399 * 60_000).toISOString();
      const to = new Date(t0.getTime() + 405 * 60_000).toISOString();
      const first = await ports.reports.publicMonth({ month, from, to, limit: 2 });
      expect(first.reports.map((r) => r.trackingId)).toEqual(
        [shown[2], shown[1]].map((c) => c?.report.trackingId),
      );
      expect(first.cursor).toBeDefined();
      const second = await ports.reports.publicMonth({
        month,
        from,
        to,
        limit: 2,
        ...(first.cursor && { cursor: first.cursor }),
      });
      expect(second.reports.map((r) => r.trackingId)).toEqual([shown[0]?.report.trackingId]);
      const other = await ports.reports.publicMonth({ month: "2020-01", from, to, limit: 2 });
      expect(other.reports).toEqual([]);
      await expect(
        ports.reports.publicMonth({ month, from, to, limit: 2, cursor: "Zm9yZ2Vk" }),
      ).rejects.toMatchObject({
        code: "invalid_cursor",
      });
    });
  });

  describe("DueIndex", () => {
    it("gives each shard's reports whose next action is due, and only those", async () => {
      const late = file(300);
      await ports.reports.create(late.report, late.event);
      const fresh = verify(file(301).report, national, {}, { now: t0, directory, rules: testRules });
      await ports.reports.create(fresh.report, fresh.event);
      const now = new Date(t0.getTime() + 6 * 24 * 3600 * 1000);
      const due = (
        await Promise.all(Array.from({ length: DUE_SHARDS }, (_, s) => ports.dueIndex.due(s, now)))
      ).flatMap((p) => p.items);
      const ids = due.map((d) => d.trackingId);
      expect(ids).toContain(late.report.trackingId);
      expect(due.find((d) => d.trackingId === late.report.trackingId)?.action).toBe("verification:1");
      expect(ids).not.toContain(fresh.report.trackingId); // its first follow-up is not due yet
    });
  });

  describe("DirectoryRepository and ReindexJobs", () => {
    it("creates and updates agencies by condition, moves one with its job, and advances the job step by step", async () => {
      const unit = { id: "blora-dlh", name: "DLH Blora", level: "unit" as const, parentId: "kab-blora" };
      expect(await ports.directory.putAgency(unit, "create")).toBe("saved");
      expect(await ports.directory.putAgency(unit, "create")).toBe("exists");
      expect(await ports.directory.putAgency({ ...unit, id: "nope" }, "update")).toBe("missing");
      const job: ReindexJob = {
        jobId: "blora-dlh@t0",
        agencyId: "blora-dlh",
        fromDepth: 3,
        status: "running",
        step: 0,
        statusIndex: 0,
        processed: 0,
        rewritten: 0,
        startedAt: t0.toISOString(),
        updatedAt: t0.toISOString(),
      };
      expect(await ports.directory.moveAgency({ ...unit, parentId: "kota-medan" }, job)).toBe("saved");
      expect(await ports.directory.moveAgency({ ...unit, id: "ghost" }, { ...job, agencyId: "ghost" })).toBe(
        "missing",
      );
      expect((await ports.directory.load()).agency("blora-dlh")?.parentId).toBe("kota-medan");
      expect(await ports.reindexJobs.get("blora-dlh")).toEqual(job);
      expect(await ports.reindexJobs.advance({ ...job, step: 1, processed: 3 })).toBe("saved");
      expect(await ports.reindexJobs.advance({ ...job, step: 1, processed: 6 })).toBe("stale");
      expect(await ports.reindexJobs.advance({ ...job, jobId: "other", step: 2 })).toBe("stale");
      expect((await ports.reindexJobs.get("blora-dlh"))?.processed).toBe(3);
    });
  });
});
