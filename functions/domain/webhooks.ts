/**
 * Webhooks to agencies' own systems (issue 11): signed as the Standard Webhooks specification says,
 * and sent only to public addresses — a URL that names or resolves to a private, loopback,
 * link-local or otherwise internal address (the metadata service at 169.254.169.254 among them) is
 * refused at registration and again at delivery (SSRF). Pure: the HMAC comes from node:crypto, the
 * name resolution is the caller's (adapters/http/webhook-sender.ts).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";
import { NOTIFICATION_KINDS } from "./notifications";
import * as z from "./zod";

/** How many endpoints one agency may register. */
export const MAX_WEBHOOKS_PER_AGENCY = 5;
/** A delivery attempt waits at most this long for the receiver's answer. */
export const WEBHOOK_TIMEOUT_MS = 5000;
/**
 * The waits before attempt 2, 3, … (seconds), growing from 5 s to 12 h: 11 attempts over 27.7
 * hours, so a receiver down for a whole day still gets everything. Stages may set their own.
 */
export const DEFAULT_WEBHOOK_RETRY_SECONDS: readonly number[] = [
  5, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800, 43_200,
];
/** What a stage may set as the waits: at least one, each 1 s to 12 h (stage file and function env alike). */
export const WebhookRetrySeconds = z.array(z.int().check(z.gte(1), z.lte(43_200))).check(z.minLength(1));
/** Delivery log entries are kept this long. */
export const DELIVERY_LOG_DAYS = 30;

/** An agency's receiver, as stored: the secret never leaves Aduan again after registration. */
export interface Webhook {
  readonly id: string;
  readonly agencyId: string;
  readonly url: string;
  readonly description?: string;
  /** Notification kinds sent to it; absent = every kind. */
  readonly events?: readonly string[];
  readonly secret: string;
  readonly createdAt: string;
  readonly createdBy: string;
}

export const RegisterWebhookRequest = z
  .strictObject({
    url: z
      .string()
      .check(
        z.minLength(8),
        z.maxLength(2048),
        z.meta({ description: "HTTPS receiver (locally also http://127.0.0.1)" }),
      ),
    description: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
    events: z
      .optional(z.array(z.enum(NOTIFICATION_KINDS)).check(z.minLength(1)))
      .check(z.meta({ description: "Notification kinds to receive; every kind when absent" })),
  })
  .register(z.globalRegistry, { id: "RegisterWebhookRequest" });

/** What the API shows of a webhook: everything but the secret. */
export const WebhookView = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    url: z.string(),
    description: z.optional(z.string()),
    events: z.optional(z.array(z.string())),
    createdAt: z.string(),
  })
  .register(z.globalRegistry, { id: "Webhook" });
export type WebhookView = z.infer<typeof WebhookView>;

/** The answer to a registration: the only time the signing secret is shown. */
export const RegisteredWebhook = z
  .extend(WebhookView, {
    secret: z.string().check(z.meta({ description: "whsec_…: shown once; verify deliveries with it" })),
  })
  .register(z.globalRegistry, { id: "RegisteredWebhook" });

export const WebhookList = z
  .object({ webhooks: z.array(WebhookView) })
  .register(z.globalRegistry, { id: "WebhookList" });

export function webhookView(webhook: Webhook): WebhookView {
  return {
    id: webhook.id,
    agencyId: webhook.agencyId,
    url: webhook.url,
    ...(webhook.description !== undefined && { description: webhook.description }),
    ...(webhook.events !== undefined && { events: [...webhook.events] }),
    createdAt: webhook.createdAt,
  };
}

export const DELIVERY_OUTCOMES = ["delivered", "failed", "refused", "gave_up"] as const;

/** One attempt in an agency's delivery log. */
export const WebhookDelivery = z
  .object({
    deliveryId: z.string().check(z.meta({ description: "The webhook-id header: the same on every attempt" })),
    webhookId: z.string(),
    eventType: z.string(),
    trackingId: z.string(),
    attempt: z.int(),
    at: z.string(),
    outcome: z.enum(DELIVERY_OUTCOMES).check(
      z.meta({
        description:
          "delivered (2xx); failed (another status, a timeout, a refused connection: retried); refused (the URL " +
          "names or resolves to an internal address: retried, in case DNS changes back); gave_up (the last attempt " +
          "failed: the message is in the dead-letter queue)",
      }),
    ),
    statusCode: z.optional(z.int()),
    error: z.optional(z.string()),
    nextAttemptAt: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: "WebhookDelivery" });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryList = z
  .object({ deliveries: z.array(WebhookDelivery) })
  .register(z.globalRegistry, { id: "WebhookDeliveryList" });

/**
 * When attempt `attempt` (1 = the first) failed at `now`, when the next one is due, or undefined when
 * the stage's schedule (`retrySeconds`: the wait before attempt 2, 3, …) is used up.
 */
export function nextAttemptAt(attempt: number, now: Date, retrySeconds: readonly number[]): Date | undefined {
  const wait = retrySeconds[attempt - 1];
  return wait === undefined ? undefined : new Date(now.getTime() + wait * 1000);
}

/** The signing secret as shown once to the agency: `whsec_` and the key's bytes in base64. */
export function webhookSecret(key: Uint8Array): string {
  return `whsec_${Buffer.from(key).toString("base64")}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

/**
 * The three headers of a delivery: `webhook-id` (the same on every retry, so the receiver can drop
 * duplicates), `webhook-timestamp` (seconds), and `webhook-signature`: `v1,` and the base64
 * HMAC-SHA256 of `id.timestamp.body` under the secret's key.
 */
export function signWebhook(
  secret: string,
  message: { readonly id: string; readonly timestamp: Date; readonly body: string },
): Record<"webhook-id" | "webhook-timestamp" | "webhook-signature", string> {
  const seconds = Math.floor(message.timestamp.getTime() / 1000);
  const signature = createHmac("sha256", keyOf(secret))
    .update(`${message.id}.${seconds}.${message.body}`)
    .digest("base64");
  return {
    "webhook-id": message.id,
    "webhook-timestamp": String(seconds),
    "webhook-signature": `v1,${signature}`,
  };
}

/**
 * What a receiver does (and what the tests' receiver does): the signature matches one of the
 * space-separated `v1,` signatures, and the timestamp is within `toleranceSeconds` of now.
 */
export function verifyWebhook(
  secret: string,
  headers: Readonly<Record<string, string | undefined>>,
  body: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(
    createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest("base64"),
  );
  return signatures.split(" ").some((entry) => {
    const [version, value] = entry.split(",");
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** True for an address a webhook may be sent to: none of the internal, reserved or special ranges. */
export function isPublicAddress(address: string): boolean {
  if (isIPv4(address)) return !INTERNAL_V4.some(([base, bits]) => inV4(address, base, bits));
  if (!isIPv6(address)) return false;
  const lower = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return isPublicAddress(mapped[1] as string);
  const expanded = expandV6(lower);
  if (expanded.startsWith("00000000000000000000ffff")) {
    // An IPv4-mapped address in hex (URL parsing writes ::ffff:10.0.0.1 as ::ffff:a00:1).
    const v4 = expanded
      .slice(24)
      .match(/../g)
      ?.map((byte) => Number.parseInt(byte, 16))
      .join(".");
    return v4 !== undefined && isPublicAddress(v4);
  }
  const first = Number.parseInt(expanded.slice(0, 4), 16);
  if (lower === "::" || lower === "::1") return false;
  if ((first & 0xfe00) === 0xfc00) return false; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return false; // fe80::/10 link-local
  if ((first & 0xff00) === 0xff00) return false; // ff00::/8 multicast
  if (lower.startsWith("64:ff9b:") || lower.startsWith("2001:db8:")) return false; // NAT64, documentation
  return true;
}

const INTERNAL_V4: readonly [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, the instance metadata service
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];

function v4ToNumber(address: string): number {
  return address.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

function inV4(address: string, base: string, bits: number): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(v4ToNumber(address) / size) === Math.floor(v4ToNumber(base) / size);
}

function expandV6(address: string): string {
  const [head = "", tail] = address.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const missing = 8 - groups(head).length - (tail === undefined ? 0 : groups(tail).length);
  const all = [
    ...groups(head),
    ...(tail === undefined ? [] : new Array(missing).fill("0")),
    ...groups(tail ?? ""),
  ];
  return all.map((g) => g.padStart(4, "0")).join("");
}

export type WebhookUrlProblem = "not_a_url" | "scheme" | "credentials" | "internal_address";

/** The receiver's host when it is a name that must be resolved to be checked; undefined for an address. */
export function hostToResolve(url: string): string | undefined {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return isIPv4(host) || isIPv6(host) ? undefined : host;
}

/**
 * Checks a receiver URL before anything is sent: HTTPS (the local stage also
 * allows `http://127.0.0.1:<port>`, so tests can receive), no credentials in it, and a host that is
 * not an internal address literal. A host name must also resolve only to public addresses
 * (`resolved`, checked again at each delivery, since DNS can change).
 */
export function checkWebhookUrl(
  url: string,
  options: { readonly allowLocal: boolean; readonly resolved?: readonly string[] },
): WebhookUrlProblem | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "not_a_url";
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const local = options.allowLocal && parsed.protocol === "http:" && host === "127.0.0.1";
  if (parsed.username || parsed.password) return "credentials";
  if (local) return undefined;
  if (parsed.protocol !== "https:") return "scheme";
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal"))
    return "internal_address";
  if ((isIPv4(host) || isIPv6(host)) && !isPublicAddress(host)) return "internal_address";
  if (options.resolved?.some((address) => !isPublicAddress(address))) return "internal_address";
  return undefined;
}
