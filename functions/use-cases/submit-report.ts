/**
 * Submit a report (intake).
 *
 * Input: a validated report body and an optional Idempotency-Key.
 * Output: a receipt `{trackingId, accessToken, status, createdAt, …}` and whether it is a replay.
 * Steps:
 *  1. With a key: an unexpired record for it answers at once — same body, the first receipt
 *     (same token, re-derived from the server's secret and the key, unless recovery has replaced
 *     it since: then without a token); different body, 409 `idempotency_key_reused`.
 *  2. Build the report (directory references checked) with a new tracking ID and token hash.
 *  3. Write report, `submitted` event and idempotency record in one transaction. A concurrent
 *     twin that won the race is answered as in 1; a tracking ID collision retries with a new ID.
 */
import type { DeadlineRules } from "../domain/deadlines";
import type { Directory } from "../domain/directory";
import { DomainError, detail } from "../domain/errors";
import { createReport, type NewReportInput, type ReportChannel } from "../domain/report";
import {
  accessTokenFromIdempotencyKey,
  fingerprint,
  hashAccessToken,
  hashIdempotencyKey,
  IDEMPOTENCY_KEY_PATTERN,
  type TokenSecret,
} from "../domain/secrets";
import { text } from "../domain/text";
import type { SubmitReportReceipt } from "../domain/views";
import type {
  Clock,
  DirectoryRepository,
  IdempotencyRecord,
  IdGenerator,
  ReportRepository,
  TokenSecrets,
} from "./ports";

export interface SubmitReportPorts {
  readonly reports: ReportRepository;
  readonly directory: DirectoryRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly rules: DeadlineRules;
  readonly tokenSecrets: TokenSecrets;
}

export interface SubmitReportResult {
  readonly receipt: SubmitReportReceipt;
  readonly replayed: boolean;
}

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const MAX_ID_ATTEMPTS = 3;

export async function submitReport(
  ports: SubmitReportPorts,
  input: NewReportInput,
  idempotencyKey?: string,
  channel?: ReportChannel,
): Promise<SubmitReportResult> {
  if (idempotencyKey !== undefined) assertIdempotencyKey(idempotencyKey);
  const keyHash = idempotencyKey === undefined ? undefined : hashIdempotencyKey(idempotencyKey);
  const bodyFingerprint = fingerprint(input);
  const now = ports.clock.now();

  const secrets = idempotencyKey === undefined ? [] : await ports.tokenSecrets.load();
  if (idempotencyKey !== undefined && keyHash !== undefined) {
    const existing = await ports.reports.findIdempotency(keyHash, now);
    if (existing) return replay(ports.reports, existing, idempotencyKey, bodyFingerprint, secrets);
  }

  const directory: Directory = await ports.directory.load();
  const [secret] = secrets;
  if (idempotencyKey !== undefined && secret === undefined) throw new Error("no access-token secret loaded");
  for (let attempt = 1; attempt <= MAX_ID_ATTEMPTS; attempt++) {
    const trackingId = ports.ids.trackingId();
    const accessToken =
      idempotencyKey === undefined || secret === undefined
        ? ports.ids.accessToken()
        : accessTokenFromIdempotencyKey(secret, idempotencyKey, trackingId);
    const { report, event } = createReport(input, {
      ...(channel && { channel }),
      trackingId,
      accessTokenHash: hashAccessToken(accessToken),
      now,
      directory,
      rules: ports.rules,
    });
    const receipt: SubmitReportReceipt = {
      trackingId,
      accessToken,
      status: report.status,
      kind: report.kind,
      title: report.title,
      category: report.category,
      agencyId: report.assignedAgencyId,
      anonymous: report.anonymous,
      confidential: report.confidential,
      createdAt: report.createdAt,
      links: { self: `/v1/reports/${trackingId}` },
    };
    const record: IdempotencyRecord | undefined =
      keyHash === undefined
        ? undefined
        : {
            keyHash,
            fingerprint: bodyFingerprint,
            trackingId,
            ...(secret !== undefined && { tokenSecretId: secret.id }),
            response: withoutToken(receipt),
            createdAt: report.createdAt,
            expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
          };

    const outcome = await ports.reports.create(report, event, record);
    if (outcome.kind === "created") return { receipt, replayed: false };
    if (outcome.kind === "idempotency_key_taken" && idempotencyKey !== undefined) {
      return replay(ports.reports, outcome.record, idempotencyKey, bodyFingerprint, secrets);
    }
  }
  throw new Error(`could not allocate a unique tracking ID in ${MAX_ID_ATTEMPTS} attempts`);
}

async function replay(
  reports: ReportRepository,
  record: IdempotencyRecord,
  idempotencyKey: string,
  bodyFingerprint: string,
  secrets: readonly TokenSecret[],
): Promise<SubmitReportResult> {
  if (record.fingerprint !== bodyFingerprint) {
    throw new DomainError(
      "conflict",
      "idempotency_key_reused",
      text(
        "Idempotency-Key ini sudah dipakai dengan isi permintaan yang berbeda. Gunakan kunci baru untuk laporan baru.",
        "This Idempotency-Key was already used with a different request body. Use a new key for a new report.",
      ),
      [
        detail(
          "Idempotency-Key",
          "sudah dipakai dengan isi yang berbeda",
          "already used with a different body",
        ),
      ],
    );
  }
  const secret = secrets.find((candidate) => candidate.id === record.tokenSecretId);
  if (!secret) {
    // The secret was rotated twice since (or the record predates secrets): the token cannot be
    // re-derived, and a second report must not be filed under the same key.
    throw new DomainError(
      "conflict",
      "idempotency_replay_unavailable",
      text(
        "Permintaan ini sudah diterima, tetapi tanda terimanya tidak dapat diulang lagi. Lacak laporan dengan nomor yang Anda terima, atau kirim ulang dengan Idempotency-Key baru.",
        "This request was already accepted, but its receipt can no longer be repeated. Track the report with the ID you received, or file again with a new Idempotency-Key.",
      ),
      [detail("Idempotency-Key", "sudah dipakai", "already used")],
    );
  }
  const accessToken = accessTokenFromIdempotencyKey(secret, idempotencyKey, record.trackingId);
  // A token replaced through recovery is revoked: the replay must not hand it out again.
  const current = await reports.load(record.trackingId);
  const stillValid = current?.report.accessTokenHash === hashAccessToken(accessToken);
  const receipt = {
    trackingId: record.trackingId,
    ...(stillValid && { accessToken }),
    ...record.response,
  } as unknown as SubmitReportReceipt;
  return { receipt, replayed: true };
}

function withoutToken(receipt: SubmitReportReceipt): Record<string, unknown> {
  const { accessToken: _omitted, ...rest } = receipt;
  return rest;
}

function assertIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new DomainError(
      "invalid",
      "invalid_input",
      text("Header Idempotency-Key tidak valid.", "The Idempotency-Key header is invalid."),
      [
        detail(
          "Idempotency-Key",
          "harus 16–255 karakter ASCII yang terlihat, misalnya UUID",
          "must be 16–255 visible ASCII characters, e.g. a UUID",
        ),
      ],
    );
  }
}
