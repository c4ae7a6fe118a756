/**
 * The notifier on memory ports: one e-mail a notification in the reporter's language, agencies'
 * contacts and webhooks, nothing twice on redelivery, and — property-based over contacts, content,
 * flags and the events of a report's whole life — no reporter contact in anything an agency
 * receives and no confidential content in anything at all but the reporter's own e-mail link.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WebhookPayload } from "../../../functions/domain/agency-notices";
import { WebhookMessage } from "../../../functions/domain/messages";
import { addFollowUp } from "../../../functions/use-cases/add-follow-up";
import { applyEscalation } from "../../../functions/use-cases/apply-escalation";
import { archiveReport } from "../../../functions/use-cases/archive-report";
import { giveFeedback } from "../../../functions/use-cases/give-feedback";
import { holdReport } from "../../../functions/use-cases/hold-report";
import { postMessage } from "../../../functions/use-cases/post-message";
import { returnReport } from "../../../functions/use-cases/return-report";
import { sendNotifications } from "../../../functions/use-cases/send-notifications";
import { verifyReport } from "../../../functions/use-cases/verify-report";
import { type MemoryPorts, memoryPorts, staff } from "../../fixtures/in-memory";
import { atDinkes, bloraAdmin, dinkesLiaison, fileReport, national } from "../../fixtures/journey";

const DAY = 86_400_000;

/** Runs the notifier over every event of the report from `fromSeq`, as the stream would. */
async function notifyAll(ports: MemoryPorts, trackingId: string, fromSeq = 1) {
  const stored = await ports.reports.load(trackingId);
  for (const event of stored?.timeline ?? [])
    if (event.seq >= fromSeq) await sendNotifications(ports, { trackingId, seq: event.seq });
}

function webhookOf(ports: MemoryPorts, agencyId: string) {
  return ports.channels.addWebhook(
    {
      id: `wh_${agencyId}`,
      agencyId,
      url: "https://receiver.example.org/hook",
      secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      createdAt: "2026-11-01T00:00:00Z",
      createdBy: "u",
    },
    5,
  );
}

describe("sendNotifications", () => {
  it("e-mails the reporter once per event, in their language, with the tracking link; a redelivery sends nothing", async () => {
    const ports = memoryPorts();
    const { trackingId, accessToken } = await atDinkes(ports, {
      reporter: { name: "Siti", email: "siti@example.org" },
      locale: "en",
    });
    await addFollowUp(ports, dinkesLiaison, trackingId, { message: "We are on it." });
    await addFollowUp(ports, dinkesLiaison, trackingId, { message: "Fixed.", final: true });
    await giveFeedback(ports, trackingId, accessToken, { accepted: true, rating: 5 });
    await notifyAll(ports, trackingId);
    await notifyAll(ports, trackingId); // the stream redelivers everything

    expect(ports.mailer.sent.map((m) => [m.to, m.subject.split(" — ")[0]])).toEqual([
      [["siti@example.org"], "Your report was received"],
      [["siti@example.org"], "Your report was passed to an agency"],
      [["siti@example.org"], "Your report was followed up"],
      [["siti@example.org"], "Is your report resolved?"],
      [["siti@example.org"], "Your report is resolved"],
    ]);
    for (const mail of ports.mailer.sent) {
      expect(mail.text).toContain(trackingId);
      expect(mail.text).toContain(`https://lapor.test/lacak/${trackingId}`);
      expect(mail.html).toContain(`<html lang="en">`);
    }
  });

  it("tells an agency by e-mail to its contacts and by one webhook message per subscribed endpoint", async () => {
    const ports = memoryPorts();
    await ports.channels.setContacts("kab-blora", ["pengaduan@blorakab.go.id"]);
    await webhookOf(ports, "kab-blora");
    await ports.channels.addWebhook(
      {
        id: "wh_only_escalations",
        agencyId: "kab-blora",
        url: "https://other.example.org/",
        events: ["escalated"],
        secret: "whsec_x",
        createdAt: "2026-11-01T00:00:00Z",
        createdBy: "u",
      },
      5,
    );
    const { trackingId } = await fileReport(ports, { agencyId: "kab-blora", reporter: { name: "Budi" } });
    await notifyAll(ports, trackingId);

    // No address on file: nothing to the reporter; one e-mail to the agency's contacts.
    expect(ports.mailer.sent.map((m) => m.to)).toEqual([["pengaduan@blorakab.go.id"]]);
    expect(ports.mailer.sent[0]?.subject).toContain(trackingId);
    expect(ports.mailer.sent[0]?.text).toContain(`https://lapor.test/staf/laporan/${trackingId}`);
    const hooks = ports.queue.take("webhooks");
    expect(hooks).toEqual([
      {
        v: 1,
        deliveryId: `${trackingId}#1#agency:kab-blora#wh_kab-blora`,
        agencyId: "kab-blora",
        webhookId: "wh_kab-blora",
        eventType: "report.submitted",
        trackingId,
        body: expect.any(String),
        attempt: 1,
      },
    ]);
    expect(WebhookMessage.parse(hooks[0])).toBeTruthy();
    expect(WebhookPayload.parse(JSON.parse(hooks[0]?.body ?? "{}")).data).toMatchObject({
      trackingId,
      status: "submitted",
      recipientAgencyId: "kab-blora",
    });
    await notifyAll(ports, trackingId);
    expect(ports.queue.take("webhooks")).toEqual([]);
  });

  it("a failed send throws (the message is retried) and the retry sends only what is missing", async () => {
    const ports = memoryPorts();
    await ports.channels.setContacts("kab-blora", ["pengaduan@blorakab.go.id"]);
    const { trackingId } = await fileReport(ports, {
      agencyId: "kab-blora",
      reporter: { email: "siti@example.org" },
    });
    ports.mailer.failNext = 1;
    await expect(sendNotifications(ports, { trackingId, seq: 1 })).rejects.toThrow(/SES unavailable/);
    expect(await sendNotifications(ports, { trackingId, seq: 1 })).toEqual({
      emails: 2,
      webhooks: 0,
      alreadyDone: 0,
    });
    expect(await sendNotifications(ports, { trackingId, seq: 1 })).toEqual({
      emails: 0,
      webhooks: 0,
      alreadyDone: 2,
    });
  });

  it("tells each escalation level's targets; an event it does not know about is a no-op", async () => {
    const ports = memoryPorts();
    await webhookOf(ports, "nasional");
    const { trackingId } = await fileReport(ports);
    ports.clock.advance(7 * DAY);
    expect(await applyEscalation(ports, { trackingId, action: "verification:1" })).toBe("applied");
    await notifyAll(ports, trackingId, 2);
    expect(ports.queue.take("webhooks").map((m) => [m.agencyId, m.eventType])).toEqual([
      ["nasional", "report.escalated"],
    ]);
    expect(await sendNotifications(ports, { trackingId, seq: 99 })).toEqual({
      emails: 0,
      webhooks: 0,
      alreadyDone: 0,
    });
  });
});

/** Every notifying event of a report's life: filed, verified, dispatched, held, returned, followed up, … */
async function wholeLife(ports: MemoryPorts, extra: Record<string, unknown>) {
  const { trackingId, accessToken } = await fileReport(ports, { agencyId: "kab-blora", ...extra });
  await holdReport(ports, bloraAdmin, trackingId, "Mohon lampirkan foto lokasi.");
  await postMessage(ports, trackingId, accessToken, "Foto sudah saya kirim lewat lampiran.");
  await verifyReport(ports, bloraAdmin, trackingId, { dispatchTo: "blora-dinkes" });
  await returnReport(ports, staff("agency_admin", "blora-dinkes"), trackingId, "Bukan wewenang kami.");
  await verifyReport(ports, bloraAdmin, trackingId, { dispatchTo: "blora-dinkes" }).catch(() => undefined);
  ports.clock.advance(30 * DAY);
  for (const action of ["firstFollowUp:1", "firstFollowUp:2", "firstFollowUp:3"])
    await applyEscalation(ports, { trackingId, action }).catch(() => undefined);
  await addFollowUp(ports, bloraAdmin, trackingId, { message: "Jalan diperbaiki minggu depan." }).catch(
    () => undefined,
  );
  await addFollowUp(ports, bloraAdmin, trackingId, { message: "Sudah diperbaiki.", final: true }).catch(
    () => undefined,
  );
  await giveFeedback(ports, trackingId, accessToken, { accepted: false, comment: "Belum." }).catch(
    () => undefined,
  );
  await archiveReport(ports, national, trackingId, { reason: "spam" }).catch(() => undefined);
  return trackingId;
}

describe("privacy of what leaves the system", () => {
  it("no agency e-mail or webhook carries the reporter's contact; a confidential report's carry no content", async () => {
    const word = fc.stringMatching(/^[A-Za-z]{6,12}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: word,
          user: word,
          phone: fc.stringMatching(/^08\d{9,11}$/),
          secret: word,
          anonymous: fc.boolean(),
          confidential: fc.boolean(),
        }),
        async (input) => {
          // The words are drawn independently: a contact inside the report's own words proves nothing.
          const words = [input.name, input.user, input.secret].map((w) => w.toLowerCase());
          fc.pre(words.every((w, i) => words.every((other, j) => i === j || !other.includes(w))));
          const ports = memoryPorts();
          await ports.channels.setContacts("kab-blora", ["pengaduan@blorakab.go.id"]);
          await ports.channels.setContacts("blora-dinkes", ["dinkes@blorakab.go.id"]);
          await ports.channels.setContacts("nasional", ["admin@lapor.go.id"]);
          for (const agency of ["kab-blora", "blora-dinkes", "prov-jateng", "nasional"])
            await webhookOf(ports, agency);
          const email = `${input.user.toLowerCase()}@reporter.example`;
          const title = `Keluhan ${input.secret} di pasar`;
          const trackingId = await wholeLife(ports, {
            title,
            description: `Rincian ${input.secret} yang panjang dan jelas tentang masalah ini.`,
            anonymous: input.anonymous,
            confidential: input.confidential,
            reporter: { name: input.name, email, phone: input.phone },
          });
          await notifyAll(ports, trackingId);

          const agencyMail = ports.mailer.sent.filter((m) => !m.to.includes(email));
          const reporterMail = ports.mailer.sent.filter((m) => m.to.includes(email));
          const payloads = ports.queue.take("webhooks").map((m) => m.body);
          expect(agencyMail.length).toBeGreaterThan(0);
          expect(reporterMail.length).toBeGreaterThan(0);
          expect(payloads.length).toBeGreaterThan(0);
          for (const leaving of [...agencyMail.map((m) => m.subject + m.text + m.html), ...payloads]) {
            for (const contact of [input.name, email, input.user, input.phone])
              expect(leaving).not.toContain(contact);
            if (input.confidential) expect(leaving).not.toContain(input.secret);
          }
          for (const mail of reporterMail) {
            // The reporter's own e-mail names nobody else, and of a confidential report not even its title.
            expect(mail.text).not.toContain("@blorakab.go.id");
            if (input.confidential) expect(mail.subject + mail.text + mail.html).not.toContain(input.secret);
          }
          for (const body of payloads) {
            const data = WebhookPayload.parse(JSON.parse(body)).data;
            if (input.confidential) expect(Object.keys(data).sort()).toEqual(["status", "trackingId"]);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
