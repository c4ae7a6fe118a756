/**
 * Recovering a lost access token (issue 11) without letting anyone who knows the public tracking ID
 * lock the reporter out. Pure.
 *
 * - Asking for a code changes nothing about the report: the old token keeps working. A code goes
 *   only to the address on file, so whoever asks, only the reporter can use it.
 * - Codes are 8 digits, valid 24 hours, stored as hashes, each usable once. Every code asked for
 *   stays valid (an attacker's requests only put more usable codes in the reporter's inbox), and at
 *   most 3 are sent a day (the mailbox is not flooded).
 * - Guessing is bounded: 10 wrong codes an hour, then confirmations wait (429) until the hour
 *   has passed; with at most 3 live codes a guess succeeds with odds of 3 in 10^8. Each attempt
 *   is counted before its code is judged, so parallel guesses cannot slip past the count.
 * - A right code issues a new token and, in the same write, replaces the old one's hash.
 */
import { sha256Hex } from "./secrets";

export const CODE_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const MAX_CODES_PER_DAY = 3;
export const MAX_FAILURES_PER_HOUR = 10;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const ONE_TIME_CODE = /^\d{8}$/;

export interface RecoveryCode {
  readonly hash: string;
  readonly expiresAt: string;
  readonly used?: boolean;
}

/** What is kept per report (`RECOVERY#<trackingId>`); `revision` makes each write conditional. */
export interface RecoveryRecord {
  readonly trackingId: string;
  readonly codes: readonly RecoveryCode[];
  /** When codes were sent, within the last 24 hours. */
  readonly sent: readonly string[];
  /** Confirmation attempts within the last hour, less the right ones. */
  readonly attempts: readonly string[];
  readonly revision: number;
}

export function hashCode(trackingId: string, code: string): string {
  return sha256Hex(`recovery:${trackingId}:${code}`);
}

function fresh(record: RecoveryRecord | undefined, trackingId: string, now: Date): RecoveryRecord {
  const t = now.getTime();
  return {
    trackingId,
    codes: (record?.codes ?? []).filter((c) => !c.used && Date.parse(c.expiresAt) > t),
    sent: (record?.sent ?? []).filter((at) => t - Date.parse(at) < DAY_MS),
    attempts: (record?.attempts ?? []).filter((at) => t - Date.parse(at) < HOUR_MS),
    revision: (record?.revision ?? 0) + 1,
  };
}

/** A new code to send, or `limited` when 3 were sent in the last 24 hours. */
export function issueCode(
  record: RecoveryRecord | undefined,
  trackingId: string,
  code: string,
  now: Date,
): { readonly outcome: "send"; readonly next: RecoveryRecord } | { readonly outcome: "limited" } {
  const next = fresh(record, trackingId, now);
  if (next.sent.length >= MAX_CODES_PER_DAY) return { outcome: "limited" };
  return {
    outcome: "send",
    next: {
      ...next,
      codes: [
        ...next.codes,
        {
          hash: hashCode(trackingId, code),
          expiresAt: new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(),
        },
      ],
      sent: [...next.sent, now.toISOString()],
    },
  };
}

/**
 * Step 1 of a confirmation: count the attempt before the code is looked at, so that guesses sent
 * in parallel are each counted (and refused past the limit) before any of them is judged.
 */
export function reserveAttempt(
  record: RecoveryRecord | undefined,
  trackingId: string,
  now: Date,
):
  | { readonly outcome: "reserved"; readonly next: RecoveryRecord }
  /** Too many wrong codes in the last hour; retry after `retryAfterSeconds`. */
  | { readonly outcome: "locked"; readonly retryAfterSeconds: number } {
  const next = fresh(record, trackingId, now);
  if (next.attempts.length >= MAX_FAILURES_PER_HOUR) {
    const oldest = Math.min(...next.attempts.map((at) => Date.parse(at)));
    return {
      outcome: "locked",
      retryAfterSeconds: Math.max(1, Math.ceil((oldest + HOUR_MS - now.getTime()) / 1000)),
    };
  }
  return { outcome: "reserved", next: { ...next, attempts: [...next.attempts, now.toISOString()] } };
}

/**
 * Step 2, on the record as step 1 wrote it: a right code is spent (other live codes stay valid
 * until they expire) and its attempt is not held against the reporter; a wrong one stays counted.
 */
export function spendCode(
  reserved: RecoveryRecord,
  code: string,
): { readonly outcome: "accepted"; readonly next: RecoveryRecord } | { readonly outcome: "wrong" } {
  const hash = hashCode(reserved.trackingId, code);
  if (!ONE_TIME_CODE.test(code) || !reserved.codes.some((c) => c.hash === hash)) return { outcome: "wrong" };
  return {
    outcome: "accepted",
    next: {
      ...reserved,
      codes: reserved.codes.filter((c) => c.hash !== hash),
      attempts: reserved.attempts.slice(0, -1),
      revision: reserved.revision + 1,
    },
  };
}
