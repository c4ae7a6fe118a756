/**
 * Notifications end to end (issue 11's "Done when"), against `npm start` as a child process: the
 * reporter's e-mails in the local SES inbox (one per event, in their language), signed webhooks to
 * receivers this test starts on 127.0.0.1 (verified with the secret they were given), retries
 * with backoff, and nothing lost when the whole process is killed between a commit and its
 * delivery. The app's clock only moves forward, so the escalation scenario runs last.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { verifyWebhook } from "../../functions/domain/webhooks";
import { findFreePort } from "../../local/free-port";
import { apiClient, useApp } from "./app-process";

const running = useApp("aduan-notify-");
const { http, staffToken } = apiClient(() => running.app().url);

interface Delivery {
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly status: number;
}

/** A webhook receiver on 127.0.0.1 answering `answer(n)` to its n-th request (1-based). */
async function receiver(answer: (n: number) => number, port = 0) {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const status = answer(deliveries.length + 1);
      deliveries.push({ headers: req.headers as Record<string, string>, body, status });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(port, "127.0.0.1", done));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, deliveries };
}
const servers: Server[] = [];
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

interface Email {
  readonly destination: { readonly to: string[] };
  readonly subject: string;
  readonly body: { readonly text?: string; readonly html?: string };
}

async function inbox(to: string): Promise<Email[]> {
  const response = await fetch(`${running.app().sesEndpoint}/store`);
  const { emails } = (await response.json()) as { emails: Email[] };
  return emails.filter((email) => email.destination.to.includes(to));
}

/** Polls `read` until `done` holds (or fails after `timeoutMs`), then returns the last value. */
async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((wake) => setTimeout(wake, 250));
  }
}

const settle = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

async function file(body: Record<string, unknown>) {
  const filed = await http("POST", "/v1/reports", {
    headers: { "idempotency-key": randomUUID() },
    body: {
      kind: "complaint",
      title: "Puskesmas tutup sebelum jadwal",
      description: "Puskesmas Kunduran tutup pukul 10.00 padahal jadwal layanan sampai 14.00.",
      category: "health.hospital-service",
      location: { regionCode: "33.16", address: "Kunduran, Blora" },
      ...body,
    },
  });
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  return { id: filed.body.trackingId as string, access: filed.body.accessToken as string };
}

async function register(agencyId: string, url: string) {
  const token = await staffToken(agencyId === "nasional" ? "national_admin" : "agency_admin", agencyId);
  const created = await http("POST", `/v1/agencies/${agencyId}/webhooks`, { token, body: { url } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string; secret: string };
}

describe("notifications from npm start", () => {
  it("e-mails the reporter exactly once per event, in English when asked, through a whole life", async () => {
    const address = "siti.en@example.org";
    const { id, access } = await file({ reporter: { name: "Siti", email: address }, locale: "en" });
    const national = await staffToken("national_admin", "nasional");
    const blora = await staffToken("agency_admin", "kab-blora");
    const liaison = await staffToken("liaison_officer", "blora-dinkes");
    expect(
      (await http("POST", `/v1/reports/${id}/verify`, { token: national, body: { dispatchTo: "kab-blora" } }))
        .status,
    ).toBe(200);
    // Inside the agency: the reporter is not told.
    expect(
      (await http("POST", `/v1/reports/${id}/dispatch`, { token: blora, body: { agencyId: "blora-dinkes" } }))
        .status,
    ).toBe(200);
    const step = (message: string, final = false) =>
      http("POST", `/v1/reports/${id}/follow-ups`, { token: liaison, body: { message, final } });
    expect((await step("The head of the clinic was reprimanded.")).status).toBe(201);
    expect((await step("Opening hours are now posted.", true)).status).toBe(201);
    const accepted = await http("POST", `/v1/reports/${id}/feedback`, {
      access,
      body: { accepted: true, rating: 5 },
    });
    expect(accepted.body.status).toBe("resolved");

    const expected = [
      "Your report was received",
      "Your report was passed to an agency",
      "Your report was followed up",
      "Is your report resolved?",
      "Your report is resolved",
    ];
    const mails = await eventually(
      () => inbox(address),
      (m) => m.length >= expected.length,
    );
    await settle(2000); // and no more arrive
    const settled = await inbox(address);
    expect(settled.map((m) => m.subject)).toEqual(expected.map((subject) => `${subject} — ${id}`));
    expect(mails).toHaveLength(expected.length);
    for (const mail of settled) {
      expect(mail.body.text).toContain(`${running.app().url.replace("127.0.0.1", "localhost")}/lacak/${id}`);
      expect(mail.body.html).toContain('<html lang="en">');
    }
  }, 60_000);

  it("a receiver that fails three times then succeeds gets the event once more, and never again after the success", async () => {
    const hook = await receiver((n) => (n <= 3 ? 500 : 204));
    const { secret } = await register("kab-blora", hook.url);
    const { id } = await file({ agencyId: "kab-blora", reporter: { name: "Budi" } });
    await eventually(
      async () => hook.deliveries,
      (d) => d.some((x) => x.status === 204),
    );
    await settle(10_000); // longer than the dev stage's whole backoff (1 + 2 + 4 + 8 s)
    expect(hook.deliveries.map((d) => d.status)).toEqual([500, 500, 500, 204]);
    expect(new Set(hook.deliveries.map((d) => d.headers["webhook-id"])).size).toBe(1);
    // Signed with real time (not the app's movable clock), as a receiver checks it.
    const now = new Date();
    for (const delivery of hook.deliveries) {
      expect(verifyWebhook(secret, delivery.headers, delivery.body, now)).toBe(true);
      expect(JSON.parse(delivery.body)).toMatchObject({ type: "report.submitted", data: { trackingId: id } });
    }
    const log = await http("GET", "/v1/agencies/kab-blora/webhook-deliveries", {
      token: await staffToken("agency_admin", "kab-blora"),
    });
    expect(
      log.body.deliveries.map((d: { attempt: number; outcome: string }) => [d.attempt, d.outcome]),
    ).toEqual([
      [4, "delivered"],
      [3, "failed"],
      [2, "failed"],
      [1, "failed"],
    ]);
  }, 60_000);

  it("killing the whole process between a commit and its delivery loses nothing and sends nothing twice", async () => {
    const port = await findFreePort(); // nobody listens yet: deliveries fail, and are retried
    const { secret } = await register("kota-medan", `http://127.0.0.1:${port}/hook`);
    const address = "crash@example.org";
    const { id } = await file({ agencyId: "kota-medan", reporter: { email: address } });
    const medan = await staffToken("agency_admin", "kota-medan");
    await eventually(
      () => http("GET", "/v1/agencies/kota-medan/webhook-deliveries", { token: medan }),
      (log) => log.body.deliveries.length > 0,
    );
    expect((await inbox(address)).length).toBe(1); // the receipt went out before the crash

    await running.crashAndRestart(); // SIGKILL to tsx, node and DynamoDB Local alike
    const hook = await receiver(() => 204, port);
    await eventually(
      async () => hook.deliveries,
      (d) => d.length > 0,
    );
    await settle(3000);
    expect(hook.deliveries).toHaveLength(1);
    const [delivery] = hook.deliveries;
    const now = new Date();
    expect(delivery && verifyWebhook(secret, delivery.headers, delivery.body, now)).toBe(true);
    expect(JSON.parse(delivery?.body ?? "{}").data.trackingId).toBe(id);
    // The inbox survived the crash, and the receipt was not sent again.
    expect((await inbox(address)).map((m) => m.subject)).toEqual([`Laporan Anda diterima — ${id}`]);
  }, 120_000);

  it("an escalation delivers a signed webhook to the level's target, which verifies it with its secret", async () => {
    const hook = await receiver(() => 204);
    const { secret } = await register("nasional", hook.url);
    const { id } = await file({ reporter: { name: "Rahmat" } });
    const moved = await http("POST", "/_local/clock", { body: { advance: "P7D" } });
    expect(moved.status).toBe(200);
    const swept = await http("POST", "/_local/schedules/sweep/run");
    expect(swept.status, JSON.stringify(swept.body)).toBe(200);
    // (The earlier scenarios' reports, unverified too, escalate alongside: this one is looked at.)
    const escalations = hook.deliveries.filter(
      (d) => JSON.parse(d.body).type === "report.escalated" && JSON.parse(d.body).data.trackingId === id,
    );
    expect(escalations.map((d) => JSON.parse(d.body).data)).toEqual([
      expect.objectContaining({
        trackingId: id,
        recipientAgencyId: "nasional",
        escalation: { clock: "verification", level: 1 },
      }),
    ]);
    // The app's clock is a week ahead; the signature's timestamp is real time, as receivers expect.
    const now = new Date();
    expect(verifyWebhook(secret, escalations[0]?.headers ?? {}, escalations[0]?.body ?? "", now)).toBe(true);
    expect(
      verifyWebhook(
        "whsec_bm90IHRoZSBzZWNyZXQ=",
        escalations[0]?.headers ?? {},
        escalations[0]?.body ?? "",
        now,
      ),
    ).toBe(false);
  }, 60_000);
});
