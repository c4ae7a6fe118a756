/**
 * Register a webhook for an agency (its agency admins, or the national admin).
 *
 * Input: the agency, `{url, description?, events?}`. Output: the webhook with its signing secret,
 * shown this once. Steps: check who asks; refuse a URL that is not HTTPS (the local stage also
 * takes http://127.0.0.1), carries credentials, or names or resolves to an internal address (SSRF:
 * checked again at every delivery, since DNS can change); store it with a new secret, on condition
 * that the agency has fewer than 5 (409 otherwise).
 */
import type { StaffPrincipal } from "../domain/access";
import { assertManagesChannels } from "../domain/access";
import { DomainError, detail } from "../domain/errors";
import { text } from "../domain/text";
import {
  checkWebhookUrl,
  hostToResolve,
  MAX_WEBHOOKS_PER_AGENCY,
  type Webhook,
  type WebhookUrlProblem,
  webhookView,
} from "../domain/webhooks";
import type { AgencyChannels, Clock, DirectoryRepository, IdGenerator, WebhookSender } from "./ports";

export interface RegisterWebhookPorts {
  readonly directory: DirectoryRepository;
  readonly channels: AgencyChannels;
  readonly webhookSender: WebhookSender;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  /** Whether http://127.0.0.1 receivers are allowed (the local stage only). */
  readonly allowLocalWebhooks: boolean;
}

export interface RegisterWebhookInput {
  readonly url: string;
  readonly description?: string;
  readonly events?: readonly string[];
}

const PROBLEMS: Record<WebhookUrlProblem | "unresolvable", [string, string]> = {
  not_a_url: ["bukan URL yang valid", "is not a valid URL"],
  scheme: ["harus HTTPS", "must be HTTPS"],
  credentials: ["tidak boleh memuat nama pengguna atau sandi", "must not carry a user name or password"],
  internal_address: [
    "menunjuk ke alamat internal (privat, loopback, link-local); hanya alamat publik yang diterima",
    "points to an internal address (private, loopback, link-local); only public addresses are accepted",
  ],
  unresolvable: ["nama host tidak dapat di-resolve", "its host name does not resolve"],
};

export async function registerWebhook(
  ports: RegisterWebhookPorts,
  principal: StaffPrincipal,
  agencyId: string,
  input: RegisterWebhookInput,
) {
  assertManagesChannels(principal, agencyId, await ports.directory.load());
  const allowLocal = ports.allowLocalWebhooks;
  let problem: WebhookUrlProblem | "unresolvable" | undefined = checkWebhookUrl(input.url, { allowLocal });
  if (!problem) {
    const host = hostToResolve(input.url);
    if (host !== undefined) {
      const resolved = await ports.webhookSender.resolve(host).catch(() => undefined);
      problem =
        resolved === undefined ? "unresolvable" : checkWebhookUrl(input.url, { allowLocal, resolved });
    }
  }
  if (problem) {
    const [id, en] = PROBLEMS[problem];
    throw new DomainError(
      "invalid",
      "invalid_webhook_url",
      text(`URL webhook ${id}.`, `The webhook URL ${en}.`),
      [detail("url", id, en)],
    );
  }
  const webhook: Webhook = {
    id: `wh_${ports.ids.shortId()}`,
    agencyId,
    url: input.url,
    ...(input.description !== undefined && { description: input.description }),
    ...(input.events !== undefined && { events: [...new Set(input.events)] }),
    secret: ports.ids.webhookSecret(),
    createdAt: ports.clock.now().toISOString(),
    createdBy: principal.userId,
  };
  if ((await ports.channels.addWebhook(webhook, MAX_WEBHOOKS_PER_AGENCY)) === "limit")
    throw new DomainError(
      "conflict",
      "webhook_limit",
      text(
        `Instansi ${agencyId} sudah memiliki ${MAX_WEBHOOKS_PER_AGENCY} webhook; hapus satu terlebih dahulu.`,
        `Agency ${agencyId} already has ${MAX_WEBHOOKS_PER_AGENCY} webhooks; delete one first.`,
      ),
    );
  return { ...webhookView(webhook), secret: webhook.secret };
}
