/**
 * Tracking IDs: short, unambiguous, typable, with a check character.
 *
 * Alphabet: digits 2–9 and letters without I, L, O, U, Z (no 0/O, 1/I/L, 2/Z or U/V confusion):
 * 29 symbols, a prime. Nine random symbols (29^9 ≈ 1.4 × 10^13) plus one check symbol chosen so
 * that Σ (i+1)·value(c_i) ≡ 0 (mod 29). Because 29 is prime and the weights 1..10 are distinct and
 * non-zero mod 29, every single-symbol substitution and every transposition of two symbols changes
 * the sum, so every such typo is caught. Canonical form: `XXXXX-XXXXX`; input is accepted in any
 * case, with or without the hyphen or spaces.
 */
import { DomainError } from "./errors";
import { type Text, text } from "./text";

export const TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXY";
const BASE = TRACKING_ALPHABET.length; // 29
const PAYLOAD_LENGTH = 9;
const LENGTH = PAYLOAD_LENGTH + 1;

function symbolValue(symbol: string): number {
  return TRACKING_ALPHABET.indexOf(symbol);
}

function checkSymbol(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) sum += (i + 1) * symbolValue(payload.charAt(i));
  // weight of the check symbol is LENGTH; find v with sum + LENGTH·v ≡ 0 (mod BASE)
  for (let v = 0; v < BASE; v++) {
    if ((sum + LENGTH * v) % BASE === 0) return TRACKING_ALPHABET.charAt(v);
  }
  throw new Error("unreachable: BASE is prime and LENGTH < BASE");
}

/** The tracking ID documentation shows (a real one: its check character is right). */
export const EXAMPLE_TRACKING_ID = trackingIdFromRandom(
  [..."7KQ4M9TXR"].map((symbol) => TRACKING_ALPHABET.indexOf(symbol)),
);

function format(compact: string): string {
  return `${compact.slice(0, 5)}-${compact.slice(5)}`;
}

/** Builds a tracking ID from random integers (one per payload symbol, any non-negative values). */
export function trackingIdFromRandom(randomValues: ArrayLike<number>): string {
  if (randomValues.length < PAYLOAD_LENGTH) throw new Error(`need ${PAYLOAD_LENGTH} random values`);
  let payload = "";
  for (let i = 0; i < PAYLOAD_LENGTH; i++) payload += TRACKING_ALPHABET.charAt((randomValues[i] ?? 0) % BASE);
  return format(payload + checkSymbol(payload));
}

export type TrackingIdCheck = { ok: true; trackingId: string } | { ok: false; reason: Text };

/** Normalises user input and verifies length, alphabet and check symbol. */
export function checkTrackingId(input: string): TrackingIdCheck {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  if (compact.length !== LENGTH) {
    return {
      ok: false,
      reason: text(
        `nomor pelacakan terdiri dari ${LENGTH} karakter, seperti ${EXAMPLE_TRACKING_ID}`,
        `a tracking ID has ${LENGTH} characters, like ${EXAMPLE_TRACKING_ID}`,
      ),
    };
  }
  for (const symbol of compact) {
    if (symbolValue(symbol) < 0) {
      return {
        ok: false,
        reason: text(
          `'${symbol}' tidak pernah ada dalam nomor pelacakan (tidak ada 0, 1, I, L, O, U atau Z)`,
          `'${symbol}' never appears in a tracking ID (no 0, 1, I, L, O, U or Z)`,
        ),
      };
    }
  }
  const payload = compact.slice(0, PAYLOAD_LENGTH);
  if (checkSymbol(payload) !== compact.charAt(PAYLOAD_LENGTH)) {
    return {
      ok: false,
      reason: text(
        "karakter pemeriksa tidak cocok: periksa kembali kemungkinan salah ketik",
        "the check character does not match: please check for a typo",
      ),
    };
  }
  return { ok: true, trackingId: format(compact) };
}

/** The canonical tracking ID, or a 400 `invalid_tracking_id` naming the problem. */
export function parseTrackingId(input: string, field = "trackingId"): string {
  const result = checkTrackingId(input);
  if (!result.ok) {
    throw new DomainError(
      "invalid",
      "invalid_tracking_id",
      text(`Nomor pelacakan tidak valid: ${result.reason.id}.`, `Invalid tracking ID: ${result.reason.en}.`),
      [{ field, message: result.reason }],
    );
  }
  return result.trackingId;
}
