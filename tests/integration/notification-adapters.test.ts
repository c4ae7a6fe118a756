/**
 * The notification ports, each run over its in-memory fake and its DynamoDB adapter on DynamoDB
 * Local (one contract, so the fakes the use-case tests rely on cannot drift), and the webhook
 * sender against a receiver on 127.0.0.1.
 */
import type { LookupAddress } from "node:dns";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DynamoAccessRecovery } from "../../functions/adapters/dynamodb/access-recovery";
import { DynamoAgencyChannels } from "../../functions/adapters/dynamodb/agency-channels";
import { DynamoNotificationLog } from "../../functions/adapters/dynamodb/notification-log";
import { DynamoReportRepository } from "../../functions/adapters/dynamodb/report-repository";
import { HttpWebhookSender } from "../../functions/adapters/http/webhook-sender";
import { issueCode, reserveAttempt } from "../../functions/domain/access-recovery";
import { Directory } from "../../functions/domain/directory";
import { createReport } from "../../functions/domain/report";
import type { Webhook, WebhookDelivery } from "../../functions/domain/webhooks";
import type {
  AccessRecoveryStore,
  AgencyChannels,
  NotificationLog,
  ReportRepository,
} from "../../functions/use-cases/ports";
import {
  demoDirectoryData,
  MemoryAccessRecovery,
  MemoryAgencyChannels,
  MemoryNotificationLog,
  MemoryReports,
  testRules,
  validReport,
} from "../fixtures/in-memory";
import { portImplementations } from "../setup/test-table";

interface Ports {
  readonly reports: ReportRepository;
  readonly channels: AgencyChannels;
  readonly log: NotificationLog;
  readonly recovery: AccessRecoveryStore;
}

const implementations = portImplementations<Ports>(
  () => {
    const reports = new MemoryReports();
    return {
      reports,
      channels: new MemoryAgencyChannels(),
      log: new MemoryNotificationLog(),
      recovery: new MemoryAccessRecovery(reports),
    };
  },
  (table) => ({
    reports: new DynamoReportRepository(table.doc, table.tableName),
    channels: new DynamoAgencyChannels(table.doc, table.tableName),
    log: new DynamoNotificationLog(table.doc, table.tableName),
    recovery: new DynamoAccessRecovery(table.doc, table.tableName),
  }),
);

const webhook = (id: string, agencyId = "kab-blora"): Webhook => ({
  id,
  agencyId,
  url: `https://receiver.example.org/${id}`,
  secret: `whsec_${id}`,
  createdAt: "2026-11-23T03:00:00.000Z",
  createdBy: "u-1",
});

const delivery = (attempt: number, webhookId: string, at: string): WebhookDelivery => ({
  deliveryId: `ABCDE-FGHJK#2#agency:kab-blora#${webhookId}`,
  webhookId,
  eventType: "report.dispatched",
  trackingId: "ABCDE-FGHJK",
  attempt,
  at,
  outcome: attempt < 3 ? "failed" : "delivered",
  statusCode: attempt < 3 ? 500 : 204,
});

describe.each(implementations)("notification ports (%s)", (_name, make) => {
  it("keeps contacts and webhooks of an agency together, and never more than 5 webhooks, even racing", async () => {
    const { channels } = await make();
    await channels.setContacts("kab-blora", ["a@blorakab.go.id", "b@blorakab.go.id"]);
    const outcomes = await Promise.all(
      Array.from({ length: 7 }, (_, i) => channels.addWebhook(webhook(`wh_${i}`), 5)),
    );
    expect(outcomes.filter((o) => o === "saved")).toHaveLength(5);
    expect(outcomes.filter((o) => o === "limit")).toHaveLength(2);
    const { contacts, webhooks } = await channels.load("kab-blora");
    expect(contacts).toEqual(["a@blorakab.go.id", "b@blorakab.go.id"]);
    expect(webhooks).toHaveLength(5);
    expect(await channels.load("kota-medan")).toEqual({ contacts: [], webhooks: [] });

    const [first] = webhooks;
    expect(await channels.getWebhook("kab-blora", first?.id ?? "")).toEqual(first);
    expect(await channels.removeWebhook("kab-blora", first?.id ?? "")).toBe("removed");
    expect(await channels.removeWebhook("kab-blora", first?.id ?? "")).toBe("missing");
    expect(await channels.getWebhook("kab-blora", first?.id ?? "")).toBeUndefined();
    // A slot freed by the deletion can be taken again.
    expect(await channels.addWebhook(webhook("wh_new"), 5)).toBe("saved");
  });

  it("reads the delivery log newest first, by webhook, up to a limit", async () => {
    const { channels } = await make();
    for (const [i, at] of [
      "2026-11-23T03:00:00.000Z",
      "2026-11-23T03:00:01.000Z",
      "2026-11-23T03:00:03.000Z",
    ].entries())
      await channels.logDelivery("kab-blora", delivery(i + 1, "wh_a", at));
    await channels.logDelivery("kab-blora", delivery(1, "wh_b", "2026-11-23T03:00:02.000Z"));
    const all = await channels.deliveries("kab-blora", { limit: 10 });
    expect(all.map((d) => [d.webhookId, d.attempt])).toEqual([
      ["wh_a", 3],
      ["wh_b", 1],
      ["wh_a", 2],
      ["wh_a", 1],
    ]);
    expect(all[0]).toEqual(delivery(3, "wh_a", "2026-11-23T03:00:03.000Z"));
    const onlyA = await channels.deliveries("kab-blora", { webhookId: "wh_a", limit: 2 });
    expect(onlyA.map((d) => d.attempt)).toEqual([3, 2]);
    expect(await channels.deliveries("kota-medan", { limit: 10 })).toEqual([]);
  });

  it("marks a notification done once; marking it again is harmless", async () => {
    const { log } = await make();
    expect(await log.isDone("ABCDE-FGHJK#1#reporter")).toBe(false);
    await log.markDone("ABCDE-FGHJK#1#reporter", new Date("2026-11-23T03:00:00Z"));
    await log.markDone("ABCDE-FGHJK#1#reporter", new Date("2026-11-23T03:00:05Z"));
    expect(await log.isDone("ABCDE-FGHJK#1#reporter")).toBe(true);
    expect(await log.isDone("ABCDE-FGHJK#1#agency:kab-blora")).toBe(false);
  });

  it("writes recovery records on condition of their revision, and redeems only against the token hash it expects", async () => {
    const { reports, recovery } = await make();
    const now = new Date("2026-11-23T03:00:00Z");
    const { report, event } = createReport(validReport, {
      trackingId: "ABCDE-FGHJK",
      accessTokenHash: "old-hash",
      now,
      directory: new Directory(demoDirectoryData),
      rules: testRules,
    });
    expect((await reports.create(report, event)).kind).toBe("created");

    const issued = issueCode(undefined, "ABCDE-FGHJK", "12345678", now);
    if (issued.outcome !== "send") throw new Error("not issued");
    expect(await recovery.save(issued.next)).toBe("saved");
    expect(await recovery.save(issued.next)).toBe("conflict"); // revision 1 exists already
    expect(await recovery.get("ABCDE-FGHJK")).toEqual(issued.next);

    const reserved = reserveAttempt(issued.next, "ABCDE-FGHJK", now);
    if (reserved.outcome !== "reserved") throw new Error("locked");
    expect(await recovery.save(reserved.next)).toBe("saved");
    const spent = { ...reserved.next, codes: [], attempts: [], revision: reserved.next.revision + 1 };
    expect(await recovery.redeem(spent, "not-the-hash", "new-hash")).toBe("conflict");
    expect(await recovery.redeem(spent, "old-hash", "new-hash")).toBe("saved");
    expect((await reports.load("ABCDE-FGHJK"))?.report.accessTokenHash).toBe("new-hash");
    expect(await recovery.redeem(spent, "old-hash", "newer-hash")).toBe("conflict");
    expect((await reports.load("ABCDE-FGHJK"))?.report.accessTokenHash).toBe("new-hash");
  });
});

describe("HttpWebhookSender on 127.0.0.1", () => {
  let server: Server | undefined;
  const received: { headers: IncomingMessage["headers"]; body: string }[] = [];
  afterEach(async () => {
    received.length = 0;
    server?.closeAllConnections();
    await new Promise((done) => server?.close(done));
    server = undefined;
  });

  async function receiver(answer: (n: number) => number | "hang"): Promise<string> {
    const listening = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        const status = answer(received.length);
        if (status === "hang") return;
        res.statusCode = status;
        res.end("ok");
      });
    });
    server = listening;
    await new Promise<void>((done) => listening.listen(0, "127.0.0.1", done));
    return `http://127.0.0.1:${(listening.address() as AddressInfo).port}/hook`;
  }

  it("posts the body with the signature headers and answers the receiver's status", async () => {
    const url = await receiver((n) => (n === 1 ? 204 : 500));
    const sender = new HttpWebhookSender({ allowLocal: true });
    const headers = {
      "webhook-id": "msg_1",
      "webhook-timestamp": "1795860000",
      "webhook-signature": "v1,abc",
    };
    expect(await sender.post(url, headers, '{"type":"report.escalated"}')).toEqual({ status: 204 });
    expect(await sender.post(url, headers, "{}")).toEqual({ status: 500 });
    expect(received[0]).toMatchObject({
      headers: { ...headers, "content-type": "application/json" },
      body: '{"type":"report.escalated"}',
    });
  });

  it("refuses loopback outside the local stage, and a name resolving to an internal address, without connecting", async () => {
    const url = await receiver(() => 204);
    expect(await new HttpWebhookSender({ allowLocal: false }).post(url, {}, "{}")).toMatchObject({
      refused: true,
    });
    // DNS answering a private address for a public-looking name (rebinding): refused at connect time.
    const rebinding = new HttpWebhookSender({
      allowLocal: false,
      lookup: ((_host: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) =>
        callback(null, [{ address: "10.0.0.7", family: 4 }])) as never,
    });
    expect(await rebinding.post("https://receiver.example.org/hook", {}, "{}")).toMatchObject({
      refused: true,
    });
    expect(await rebinding.resolve("receiver.example.org")).toEqual(["10.0.0.7"]);
    expect(received).toEqual([]);
  });

  it("gives up on a receiver that does not answer within 5 s", async () => {
    const url = await receiver(() => "hang");
    const started = Date.now();
    const answer = await new HttpWebhookSender({ allowLocal: true }).post(url, {}, "{}");
    expect(answer).toEqual({ error: "no answer within 5 s" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
  }, 15_000);
});
