/**
 * Read and change an agency's notification channels (its agency admins, or the national admin):
 * list and delete webhooks, read the delivery log, read and set the contact e-mails. Each is one
 * check of who asks and one call of the store; registration, which checks the URL, is
 * register-webhook.ts.
 */
import { assertManagesChannels, type StaffPrincipal } from "../domain/access";
import { DomainError } from "../domain/errors";
import { text } from "../domain/text";
import { type WebhookDelivery, type WebhookView, webhookView } from "../domain/webhooks";
import type { AgencyChannels, DirectoryRepository } from "./ports";

export interface AgencyChannelsPorts {
  readonly directory: DirectoryRepository;
  readonly channels: AgencyChannels;
}

async function allowed(
  ports: AgencyChannelsPorts,
  principal: StaffPrincipal,
  agencyId: string,
): Promise<void> {
  assertManagesChannels(principal, agencyId, await ports.directory.load());
}

export async function listWebhooks(
  ports: AgencyChannelsPorts,
  principal: StaffPrincipal,
  agencyId: string,
): Promise<{ webhooks: WebhookView[] }> {
  await allowed(ports, principal, agencyId);
  const { webhooks } = await ports.channels.load(agencyId);
  return { webhooks: webhooks.map(webhookView) };
}

export async function deleteWebhook(
  ports: AgencyChannelsPorts,
  principal: StaffPrincipal,
  agencyId: string,
  webhookId: string,
): Promise<void> {
  await allowed(ports, principal, agencyId);
  if ((await ports.channels.removeWebhook(agencyId, webhookId)) === "missing")
    throw webhookNotFound(webhookId);
}

export async function listWebhookDeliveries(
  ports: AgencyChannelsPorts,
  principal: StaffPrincipal,
  agencyId: string,
  query: { readonly webhookId?: string; readonly limit: number },
): Promise<{ deliveries: WebhookDelivery[] }> {
  await allowed(ports, principal, agencyId);
  return { deliveries: await ports.channels.deliveries(agencyId, query) };
}

export async function getAgencyContacts(
  ports: AgencyChannelsPorts,
  principal: StaffPrincipal,
  agencyId: string,
): Promise<{ emails: string[] }> {
  await allowed(ports, principal, agencyId);
  return { emails: [...(await ports.channels.load(agencyId)).contacts] };
}

export async function setAgencyContacts(
  ports: AgencyChannelsPorts,
  principal: StaffPrincipal,
  agencyId: string,
  emails: readonly string[],
): Promise<{ emails: string[] }> {
  await allowed(ports, principal, agencyId);
  const unique = [...new Set(emails.map((e) => e.toLowerCase()))];
  await ports.channels.setContacts(agencyId, unique);
  return { emails: unique };
}

function webhookNotFound(webhookId: string): DomainError {
  return new DomainError(
    "not_found",
    "webhook_not_found",
    text(`Webhook ${webhookId} tidak ditemukan.`, `No webhook ${webhookId}.`),
  );
}
