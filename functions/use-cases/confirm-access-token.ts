/**
 * Trade a one-time code for a new access token (public).
 *
 * Input: a tracking ID and the code from the e-mail. Output: `{accessToken}`, the new token.
 * Steps: load the report; count the attempt first (conditional on the record's revision, so that
 * parallel guesses are each counted) — past 10 wrong codes in an hour, 429 with Retry-After; a
 * wrong code stays counted → 400; the right one issues a new token and, in one conditional write,
 * spends the code and replaces the old token's hash (so the old token stops working only now,
 * never before a new one exists). 409 when the token or the codes changed meanwhile.
 */
import { type RecoveryRecord, reserveAttempt, spendCode } from "../domain/access-recovery";
import { DomainError, detail, reportNotFound } from "../domain/errors";
import { hashAccessToken } from "../domain/secrets";
import { text } from "../domain/text";
import { parseTrackingId } from "../domain/tracking-id";
import type { AccessRecoveryStore, Clock, IdGenerator, ReportRepository } from "./ports";

export interface ConfirmAccessTokenPorts {
  readonly reports: ReportRepository;
  readonly accessRecovery: AccessRecoveryStore;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

/** Attempts to count a confirmation against concurrent ones before answering 503. */
const RESERVE_TRIES = 5;

export async function confirmAccessToken(
  ports: ConfirmAccessTokenPorts,
  trackingIdInput: string,
  code: string,
): Promise<{ accessToken: string }> {
  const trackingId = parseTrackingId(trackingIdInput);
  const stored = await ports.reports.load(trackingId);
  if (!stored) throw reportNotFound(trackingId);
  const reserved = await reserve(ports, trackingId);
  const spent = spendCode(reserved, code);
  if (spent.outcome === "wrong")
    throw new DomainError(
      "invalid",
      "invalid_recovery_code",
      text("Kode salah atau sudah kedaluwarsa.", "The code is wrong or has expired."),
      [detail("code", "salah atau kedaluwarsa", "wrong or expired")],
    );
  const accessToken = ports.ids.accessToken();
  const saved = await ports.accessRecovery.redeem(
    spent.next,
    stored.report.accessTokenHash,
    hashAccessToken(accessToken),
  );
  if (saved === "conflict")
    throw new DomainError(
      "conflict",
      "recovery_conflict",
      text(
        "Token akses atau kode laporan ini baru saja berubah; coba lagi.",
        "This report's access token or codes changed a moment ago; try again.",
      ),
    );
  return { accessToken };
}

/** Counts this attempt (step 1), re-reading when a concurrent attempt was counted first. */
async function reserve(ports: ConfirmAccessTokenPorts, trackingId: string): Promise<RecoveryRecord> {
  for (let attempt = 1; attempt <= RESERVE_TRIES; attempt++) {
    const reserved = reserveAttempt(
      await ports.accessRecovery.get(trackingId),
      trackingId,
      ports.clock.now(),
    );
    if (reserved.outcome === "locked")
      throw new DomainError(
        "rate_limited",
        "too_many_attempts",
        text(
          "Terlalu banyak kode yang salah untuk laporan ini; coba lagi nanti.",
          "Too many wrong codes for this report; try again later.",
        ),
        [],
        { "retry-after": String(reserved.retryAfterSeconds) },
      );
    if ((await ports.accessRecovery.save(reserved.next)) === "saved") return reserved.next;
  }
  throw new DomainError(
    "unavailable",
    "service_unavailable",
    text("Terlalu banyak permintaan serentak; coba lagi.", "Too many simultaneous requests; please retry."),
  );
}
