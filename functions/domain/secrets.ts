/**
 * Reporter access tokens and request fingerprints. Only hashes are stored.
 *
 * With an Idempotency-Key the token is derived (HMAC) from a per-deployment secret that only the
 * server holds, the key and the tracking ID, so that a replay can hand back the very token of the
 * first response without the token ever being stored, while someone who saw the key (a proxy log,
 * a weak key) still cannot compute the token. The key itself is stored only as a hash.
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

/** A server-held secret for deriving access tokens; `id` names it in idempotency records. */
export interface TokenSecret {
  /** Short, non-secret fingerprint of the secret (first 12 hex digits of a SHA-256 of it). */
  readonly id: string;
  readonly value: string;
}

export function tokenSecret(value: string): TokenSecret {
  if (value.length < 32) throw new Error("the access-token secret must be at least 32 characters");
  return { id: sha256Hex(`aduan:token-secret-id:${value}`).slice(0, 12), value };
}

/** The token a replay must hand back: needs the server's secret, the key and the tracking ID. */
export function accessTokenFromIdempotencyKey(
  secret: TokenSecret,
  idempotencyKey: string,
  trackingId: string,
): string {
  return createHmac("sha256", secret.value)
    .update(`aduan:access-token:v2:${hashIdempotencyKey(idempotencyKey)}:${trackingId}`)
    .digest("base64url");
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
