/**
 * Deliver what one committed timeline event owes (notifications queue consumer).
 *
 * Input: `{trackingId, seq}` from the stream router. Output: how many e-mails were sent, webhook
 * deliveries queued, and notifications found done already.
 * Steps: load the report (its timeline and follow-ups) and the directory; decide who hears of the
 * event (domain/notifications.ts); then for each notification not yet done:
 *  - the reporter: one e-mail in their language, when they gave an address;
 *  - an agency: one e-mail to its contact addresses, and one delivery a webhook on the `webhooks`
 *    queue (signed and sent, with retries, by deliver-webhooks).
 * Each notification is marked done right after it went out, under its deterministic id, so a
 * redelivered message sends only what is missing (at least once; a crash between sending and
 * marking is the one way to send twice). A failure throws: the message is retried, then kept in
 * the dead-letter queue.
 */
import { agencyEmail, webhookPayload } from "../domain/agency-notices";
import type { NotificationMessage } from "../domain/messages";
import { type NotificationIntent, notificationsFor } from "../domain/notifications";
import type { Report, TimelineEvent } from "../domain/report";
import { reporterEmail } from "../domain/reporter-emails";
import type {
  AgencyChannels,
  Clock,
  DirectoryRepository,
  Mailer,
  MessageQueue,
  NotificationLog,
  ReportRepository,
} from "./ports";

/** Where the links in notifications lead (stage configuration). */
export interface NotificationLinks {
  /** The reporter's page of a report. */
  trackingUrl(trackingId: string): string;
  /** The staff console's page of a report. */
  staffReportUrl(trackingId: string): string;
}

export interface SendNotificationsPorts {
  readonly reports: ReportRepository;
  readonly directory: DirectoryRepository;
  readonly mailer: Mailer;
  readonly notificationLog: NotificationLog;
  readonly channels: AgencyChannels;
  readonly queue: MessageQueue;
  readonly links: NotificationLinks;
  readonly clock: Clock;
}

export interface NotificationOutcome {
  readonly emails: number;
  readonly webhooks: number;
  readonly alreadyDone: number;
}

export async function sendNotifications(
  ports: SendNotificationsPorts,
  message: Pick<NotificationMessage, "trackingId" | "seq">,
): Promise<NotificationOutcome> {
  const [stored, directory] = await Promise.all([
    ports.reports.load(message.trackingId),
    ports.directory.load(),
  ]);
  const event = stored?.timeline.find((e) => e.seq === message.seq);
  const outcome = { emails: 0, webhooks: 0, alreadyDone: 0 };
  if (!stored || !event) return outcome; // nothing committed under that number: nothing to tell
  for (const intent of notificationsFor(event, stored.report, directory, stored.followUps)) {
    if (intent.audience.kind === "reporter") await toReporter(ports, intent, stored.report, event, outcome);
    else await toAgency(ports, intent, intent.audience.agencyId, stored.report, event, outcome);
  }
  return outcome;
}

async function once(
  ports: SendNotificationsPorts,
  id: string,
  outcome: { alreadyDone: number },
  deliver: () => Promise<void>,
): Promise<void> {
  if (await ports.notificationLog.isDone(id)) {
    outcome.alreadyDone++;
    return;
  }
  await deliver();
  await ports.notificationLog.markDone(id, ports.clock.now());
}

async function toReporter(
  ports: SendNotificationsPorts,
  intent: NotificationIntent,
  report: Report,
  event: TimelineEvent,
  outcome: { emails: number; alreadyDone: number },
): Promise<void> {
  const address = report.reporter?.email;
  if (!address) return;
  await once(ports, intent.id, outcome, async () => {
    const email = reporterEmail(intent.kind, { ...report, status: event.status }, event, {
      locale: report.locale ?? "id",
      trackingUrl: ports.links.trackingUrl(report.trackingId),
    });
    await ports.mailer.send({
      to: [address],
      ...email,
      tags: { notification: intent.kind, audience: "reporter" },
    });
    outcome.emails++;
  });
}

async function toAgency(
  ports: SendNotificationsPorts,
  intent: NotificationIntent,
  agencyId: string,
  report: Report,
  event: TimelineEvent,
  outcome: { emails: number; webhooks: number; alreadyDone: number },
): Promise<void> {
  const { contacts, webhooks } = await ports.channels.load(agencyId);
  if (contacts.length > 0)
    await once(ports, `${intent.id}#email`, outcome, async () => {
      const email = agencyEmail(intent.kind, report, event, ports.links.staffReportUrl(report.trackingId));
      await ports.mailer.send({
        to: contacts,
        ...email,
        tags: { notification: intent.kind, audience: "agency" },
      });
      outcome.emails++;
    });
  const subscribed = webhooks.filter((w) => w.events === undefined || w.events.includes(intent.kind));
  if (subscribed.length > 0)
    await once(ports, `${intent.id}#webhooks`, outcome, async () => {
      const body = JSON.stringify(webhookPayload(intent.kind, report, event, agencyId));
      await ports.queue.send(
        "webhooks",
        subscribed.map((webhook) => ({
          v: 1 as const,
          // The receiver's webhook-id: the same on every attempt, different per endpoint.
          deliveryId: `${intent.id}#${webhook.id}`,
          agencyId,
          webhookId: webhook.id,
          eventType: `report.${intent.kind}`,
          trackingId: report.trackingId,
          body,
          attempt: 1,
        })),
      );
      outcome.webhooks += subscribed.length;
    });
}
