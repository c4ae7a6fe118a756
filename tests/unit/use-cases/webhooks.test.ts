/**
 * Webhook registration and delivery on memory ports: who may register, which URLs are refused
 * (without sending anything), the signature a receiver verifies, the backoff, the end of the
 * schedule, and nothing sent twice after a success.
 */
import { describe, expect, it } from "vitest";
import type { WebhookMessage } from "../../../functions/domain/messages";
import { verifyWebhook } from "../../../functions/domain/webhooks";
import { deliverWebhook, WebhookGaveUp } from "../../../functions/use-cases/deliver-webhook";
import {
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
} from "../../../functions/use-cases/manage-agency-channels";
import { registerWebhook } from "../../../functions/use-cases/register-webhook";
import { type MemoryPorts, memoryPorts } from "../../fixtures/in-memory";
import { bloraAdmin, dinkesUnit, jatengAdmin, medanAdmin, national } from "../../fixtures/journey";

async function registered(ports: MemoryPorts) {
  ports.webhookSender.resolved["receiver.example.org"] = ["93.184.216.34"];
  return registerWebhook(ports, bloraAdmin, "kab-blora", { url: "https://receiver.example.org/hook" });
}

function message(webhookId: string, extra: Partial<WebhookMessage> = {}): WebhookMessage {
  return {
    v: 1,
    deliveryId: `ABCDE-FGHJK#3#agency:kab-blora#${webhookId}`,
    agencyId: "kab-blora",
    webhookId,
    eventType: "report.escalated",
    trackingId: "ABCDE-FGHJK",
    body: JSON.stringify({ type: "report.escalated", timestamp: "2026-11-23T03:00:00Z", data: {} }),
    attempt: 1,
    ...extra,
  };
}

describe("registerWebhook", () => {
  it("shows the secret once; lists never show it; agency admins above may manage it, others not", async () => {
    const ports = memoryPorts();
    const created = await registered(ports);
    expect(created.secret).toMatch(/^whsec_/);
    const list = await listWebhooks(ports, jatengAdmin, "kab-blora");
    expect(list.webhooks).toEqual([expect.objectContaining({ id: created.id, url: created.url })]);
    expect(JSON.stringify(list)).not.toContain(created.secret);
    await expect(listWebhooks(ports, dinkesUnit, "kab-blora")).rejects.toMatchObject({
      code: "agency_not_found",
    });
    await expect(
      listWebhooks(ports, { ...bloraAdmin, role: "liaison_officer" }, "kab-blora"),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(listWebhooks(ports, medanAdmin, "kab-blora")).rejects.toMatchObject({
      code: "agency_not_found",
    });
    await deleteWebhook(ports, national, "kab-blora", created.id);
    await expect(deleteWebhook(ports, national, "kab-blora", created.id)).rejects.toMatchObject({
      code: "webhook_not_found",
    });
  });

  it.each([
    ["https://10.0.0.1/hook", "a private address"],
    ["https://169.254.169.254/latest/meta-data", "the metadata service"],
    ["https://127.0.0.1:8443/", "loopback (outside the local stage)"],
    ["https://[::1]/", "IPv6 loopback"],
    ["https://[::ffff:10.0.0.1]/", "a mapped private address"],
    ["http://receiver.example.org/hook", "plain HTTP"],
    ["https://user:pw@receiver.example.org/", "credentials in the URL"],
    ["https://internal.example.org/", "a name resolving to a private address"],
    ["https://nowhere.example.org/", "a name that does not resolve"],
    ["https://localhost/", "localhost"],
  ])("refuses %s (%s) with 400, sending nothing", async (url) => {
    const ports = memoryPorts();
    ports.webhookSender.resolved["receiver.example.org"] = ["93.184.216.34"];
    ports.webhookSender.resolved["internal.example.org"] = ["93.184.216.34", "10.1.2.3"];
    await expect(registerWebhook(ports, bloraAdmin, "kab-blora", { url })).rejects.toMatchObject({
      code: "invalid_webhook_url",
      details: [expect.objectContaining({ field: "url" })],
    });
    expect(ports.webhookSender.posts).toEqual([]);
    expect((await ports.channels.load("kab-blora")).webhooks).toEqual([]);
  });

  it("allows http://127.0.0.1 receivers on the local stage only, and at most 5 per agency", async () => {
    const ports = { ...memoryPorts(), allowLocalWebhooks: true };
    for (let i = 0; i < 5; i++)
      await registerWebhook(ports, bloraAdmin, "kab-blora", { url: `http://127.0.0.1:${9000 + i}/` });
    await expect(
      registerWebhook(ports, bloraAdmin, "kab-blora", { url: "http://127.0.0.1:9999/" }),
    ).rejects.toMatchObject({ code: "webhook_limit" });
  });
});

describe("deliverWebhook", () => {
  it("signs each attempt so the receiver verifies it with its secret; retries with backoff; once delivered, never again", async () => {
    const ports = memoryPorts();
    const { id, secret } = await registered(ports);
    ports.webhookSender.answers = [
      { status: 500 },
      { error: "ECONNREFUSED" },
      { status: 503 },
      { status: 204 },
    ];
    let next: WebhookMessage | undefined = message(id);
    const outcomes: string[] = [];
    while (next) {
      outcomes.push(await deliverWebhook(ports, next));
      const queued = ports.queue.sent.splice(0);
      next = queued[0]?.body as WebhookMessage | undefined;
      if (next) {
        // The backoff: 1 s, 2 s, 4 s (the memory ports' schedule), as SQS delays.
        expect(queued[0]?.delaySeconds).toBe(2 ** (next.attempt - 2));
        ports.clock.advance((queued[0]?.delaySeconds ?? 0) * 1000);
      }
    }
    expect(outcomes).toEqual(["retrying", "retrying", "retrying", "delivered"]);
    expect(ports.webhookSender.posts).toHaveLength(4);
    for (const post of ports.webhookSender.posts) {
      expect(post.headers["webhook-id"]).toBe(message(id).deliveryId);
      expect(verifyWebhook(secret, post.headers, post.body, ports.clock.now())).toBe(true);
      expect(verifyWebhook("whsec_d3JvbmcgZm9yIHN1cmU=", post.headers, post.body, ports.clock.now())).toBe(
        false,
      );
    }
    // A duplicate of any attempt, after the success, sends nothing.
    expect(await deliverWebhook(ports, message(id, { attempt: 2 }))).toBe("duplicate");
    expect(ports.webhookSender.posts).toHaveLength(4);
    const log = await listWebhookDeliveries(ports, bloraAdmin, "kab-blora", { limit: 50 });
    expect(log.deliveries.map((d) => [d.attempt, d.outcome, d.statusCode ?? d.error])).toEqual([
      [4, "delivered", 204],
      [3, "failed", 503],
      [2, "failed", "ECONNREFUSED"],
      [1, "failed", 500],
    ]);
  });

  it("waits out a notBefore longer than SQS's 15-minute delay by re-queueing, without sending", async () => {
    const ports = memoryPorts();
    const { id } = await registered(ports);
    const notBefore = new Date(ports.clock.now().getTime() + 3 * 3600_000).toISOString();
    expect(await deliverWebhook(ports, message(id, { attempt: 9, notBefore }))).toBe("waiting");
    expect(ports.queue.sent).toEqual([
      { queue: "webhooks", body: message(id, { attempt: 9, notBefore }), delaySeconds: 900 },
    ]);
    expect(ports.webhookSender.posts).toEqual([]);
  });

  it("gives up after the schedule (the message then ends in the DLQ), and drops deliveries of a deleted webhook", async () => {
    const ports = memoryPorts();
    const { id } = await registered(ports);
    ports.webhookSender.answers = [{ status: 500 }];
    await expect(deliverWebhook(ports, message(id, { attempt: 4 }))).rejects.toBeInstanceOf(WebhookGaveUp);
    expect((await ports.channels.deliveries("kab-blora", { limit: 1 }))[0]).toMatchObject({
      outcome: "gave_up",
    });
    await deleteWebhook(ports, bloraAdmin, "kab-blora", id);
    expect(await deliverWebhook(ports, message(id))).toBe("removed");
    expect(ports.webhookSender.posts).toHaveLength(1);
  });
});
