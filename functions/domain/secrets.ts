/**
 * Reporter access tokens and request fingerprints. Only hashes are stored.
 *
 * With an Idempotency-Key the token is derived from the key (HMAC keyed by it) so that a replay can
 * hand back the very token of the first response without the token ever being stored; the key
 * itself is stored only as a hash. Anyone who knows the key *and* the exact body can replay, which
 * is inherent to idempotent creation; keys must therefore be long (see IDEMPOTENCY_KEY_PATTERN).
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function hashAccessToken(token: string): string {
  return sha256Hex(`aduan:access-token:${token}`);
}

export function accessTokenMatches(token: string | undefined, storedHash: string): boolean {
  if (!token) return false;
  const candidate = Buffer.from(hashAccessToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}

export function accessTokenFromIdempotencyKey(idempotencyKey: string, trackingId: string): string {
  return createHmac("sha256", idempotencyKey).update(`aduan:access-token:${trackingId}`).digest("base64url");
}

export function hashIdempotencyKey(idempotencyKey: string): string {
  return sha256Hex(`aduan:idempotency-key:${idempotencyKey}`);
}

/** Canonical JSON (sorted keys, no undefined) so that key order and whitespace never matter. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function fingerprint(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/** Visible ASCII, 16–255 characters: a UUID fits, a guessable "1" does not. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{16,255}$/;
