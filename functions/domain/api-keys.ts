/**
 * API keys for machines (PRODUCT.md §6, issue 12): intake channels (an SMS or WhatsApp gateway, an
 * Open311 client) and agencies' own systems. Pure.
 *
 * - A key is `adk.<agencyId>.<id>.<secret>`: the agency and id say where its record is (one
 *   GetItem), the secret (256 bits) is stored only as a SHA-256 hash and shown once.
 * - Scopes: `reports:create` files reports attributed to the channel; `agency:sync` reads the
 *   agency's subtree and posts follow-ups as the agency, within a liaison officer's role rules.
 * - National and agency admins create keys for agencies in their subtree; revoking is immediate
 *   in the store, and functions re-read a key at least once a minute.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import * as z from "./zod";

export const API_KEY_SCOPES = ["reports:create", "agency:sync"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** What each key may do at most this many times a minute, unless the stage says otherwise. */
export const DEFAULT_API_KEY_REQUESTS_PER_MINUTE = 120;
/** How long a function may trust a key it has read: a revocation shows within this. */
export const API_KEY_CACHE_MS = 30_000;

export interface ApiKey {
  /** `<agencyId>.<random>`: names the key in URLs and logs; not a secret. */
  readonly id: string;
  readonly agencyId: string;
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly secretHash: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt?: string;
  readonly lastUsedAt?: string;
}

export const CreateApiKeyRequest = z
  .strictObject({
    name: z
      .string()
      .check(
        z.trim(),
        z.minLength(3),
        z.maxLength(100),
        z.meta({ description: "Who uses it, e.g. `SMS gateway Telkomsel`" }),
      ),
    agencyId: z
      .string()
      .check(
        z.trim(),
        z.minLength(1),
        z.maxLength(100),
        z.meta({ description: "An agency in your subtree" }),
      ),
    scopes: z.array(z.enum(API_KEY_SCOPES)).check(z.minLength(1), z.maxLength(API_KEY_SCOPES.length)),
  })
  .register(z.globalRegistry, { id: "CreateApiKeyRequest" });

export const ApiKeyView = z
  .object({
    id: z.string(),
    agencyId: z.string(),
    name: z.string(),
    scopes: z.array(z.enum(API_KEY_SCOPES)),
    createdAt: z.string(),
    revokedAt: z.optional(z.string()),
    lastUsedAt: z.optional(z.string()).check(z.meta({ description: "To the minute" })),
  })
  .register(z.globalRegistry, { id: "ApiKey" });
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const CreatedApiKey = z
  .extend(ApiKeyView, {
    key: z
      .string()
      .check(z.meta({ description: "adk.…: shown once; send it as X-Api-Key (or Open311's api_key)" })),
  })
  .register(z.globalRegistry, { id: "CreatedApiKey" });

export const ApiKeyList = z
  .object({ keys: z.array(ApiKeyView) })
  .register(z.globalRegistry, { id: "ApiKeyList" });

export function apiKeyView(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    agencyId: key.agencyId,
    name: key.name,
    scopes: [...key.scopes],
    createdAt: key.createdAt,
    ...(key.revokedAt !== undefined && { revokedAt: key.revokedAt }),
    ...(key.lastUsedAt !== undefined && { lastUsedAt: key.lastUsedAt }),
  };
}

export function hashApiKeySecret(secret: string): string {
  return createHash("sha256").update(`api-key:${secret}`).digest("hex");
}

export function formatApiKey(id: string, secret: string): string {
  return `adk.${id}.${secret}`;
}

const KEY = /^adk\.([a-z0-9][a-z0-9-]{0,99})\.([A-Za-z0-9_-]{1,32})\.([A-Za-z0-9_-]{32,128})$/;

/** The parts of a presented key, or undefined when it cannot be one of ours. */
export function parseApiKey(
  raw: string,
): { readonly id: string; readonly agencyId: string; readonly secret: string } | undefined {
  const match = KEY.exec(raw.trim());
  if (!match) return undefined;
  const [, agencyId = "", random = "", secret = ""] = match;
  return { id: `${agencyId}.${random}`, agencyId, secret };
}

/** The agency of a key id (`<agencyId>.<random>`). */
export function agencyOfKeyId(id: string): string | undefined {
  const dot = id.lastIndexOf(".");
  return dot > 0 ? id.slice(0, dot) : undefined;
}

/** Whether `secret` is the key's: compared in constant time. */
export function secretMatches(key: ApiKey, secret: string): boolean {
  const given = Buffer.from(hashApiKeySecret(secret), "hex");
  const stored = Buffer.from(key.secretHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The minute a request falls in, the window of the per-key rate limit. */
export function rateWindow(now: Date): string {
  return now.toISOString().slice(0, 16);
}
