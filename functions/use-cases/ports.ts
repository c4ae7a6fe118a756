/**
 * The ports use cases depend on. Adapters (functions/adapters) implement them against AWS or the
 * local stand-ins; unit tests pass in-memory fakes. Use cases never import an adapter.
 */

import type { RecoveryRecord } from "../domain/access-recovery";
import type { ApiKey } from "../domain/api-keys";
import type { Attachment } from "../domain/attachments";
import type { Agency, Directory, DirectoryData } from "../domain/directory";
import type { ExportRecord, ExportStatus } from "../domain/exports";
import type { Contributions, Counters } from "../domain/figures";
import type { QueueMessage, QueueName } from "../domain/messages";
import type { ReindexJob } from "../domain/reindex-job";
import type { FollowUp, Report, ReportStatus, TimelineEvent } from "../domain/report";
import type { TokenSecret } from "../domain/secrets";
import type { Change } from "../domain/transitions";
import type { Webhook, WebhookDelivery } from "../domain/webhooks";

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  trackingId(): string;
  /** A fresh secret for a reporter (≥ 256 bits, URL-safe). */
  accessToken(): string;
  /** A short random id for child entities (follow-ups, attachments). */
  shortId(): string;
  /** An 8-digit one-time code (access-token recovery). */
  oneTimeCode(): string;
  /** A webhook signing secret (`whsec_` + 32 random bytes in base64). */
  webhookSecret(): string;
}

export interface StoredReport {
  readonly report: Report;
  readonly timeline: readonly TimelineEvent[];
  readonly followUps: readonly FollowUp[];
  /** @default none */
  readonly attachments?: readonly Attachment[];
}

export interface InboxQuery {
  readonly agencyId: string;
  /** Depth of `agencyId` in the tree (0 = national): picks the inbox index. */
  readonly depth: number;
  readonly status: ReportStatus;
  readonly limit: number;
  readonly cursor?: string;
  /** Only reports with a running deadline at or before this instant. */
  readonly overdueAt?: Date;
  /** Only reports submitted in this range of instants (ISO, inclusive): a key condition, not a filter. */
  readonly submitted?: { readonly from: string; readonly to: string };
}

export interface PublicMonthQuery {
  /** YYYY-MM (UTC, as the index's partitions). */
  readonly month: string;
  readonly from: string;
  readonly to: string;
  readonly limit: number;
  readonly cursor?: string;
}

export interface InboxPage {
  readonly reports: readonly Report[];
  /** For each report, an opaque cursor that resumes right after it (a caller may take a prefix). */
  readonly resumeAfter: readonly string[];
  /** Opaque, resumes after everything this page read; absent when the partition is exhausted. */
  readonly cursor?: string;
}

/** What intake remembers of an Idempotency-Key: never the key itself, never the access token. */
export interface IdempotencyRecord {
  readonly keyHash: string;
  readonly fingerprint: string;
  readonly trackingId: string;
  /** Which server secret derived the token (TokenSecret.id), so a replay after a rotation finds it. */
  readonly tokenSecretId?: string;
  /** The first response minus the access token (which is re-derived from the key). */
  readonly response: Record<string, unknown>;
  readonly createdAt: string;
  /** Epoch seconds; an expired record is treated as absent. */
  readonly expiresAt: number;
}

export type CreateReportOutcome =
  | { readonly kind: "created" }
  | { readonly kind: "idempotency_key_taken"; readonly record: IdempotencyRecord }
  | { readonly kind: "tracking_id_taken" };

export interface ReportRepository {
  /** Writes report, first event and idempotency record atomically; never overwrites any of them. */
  create(report: Report, event: TimelineEvent, idempotency?: IdempotencyRecord): Promise<CreateReportOutcome>;
  load(trackingId: string): Promise<StoredReport | undefined>;
  /**
   * Writes a lifecycle change atomically, on condition that the report is still at
   * `expectedVersion` (and a published draft is still a draft). `conflict` when someone was faster.
   */
  saveChange(expectedVersion: number, change: Change): Promise<"saved" | "conflict">;
  /**
   * Newest first, reports indexed under `agencyId`'s subtree with `status` (the index may lag a
   * move of an agency: callers filter on the directory as it is now). 400 on a forged cursor.
   */
  inbox(query: InboxQuery): Promise<InboxPage>;
  /**
   * One page of a month of the public listing (`byPublicList`: verified, non-confidential, not
   * archived), newest first, submitted within `from`..`to` (ISO instants, inclusive). 400 on a
   * forged cursor.
   */
  publicMonth(
    query: PublicMonthQuery,
  ): Promise<{ readonly reports: readonly Report[]; readonly cursor?: string }>;
  /** An unexpired idempotency record, read consistently. */
  findIdempotency(keyHash: string, now: Date): Promise<IdempotencyRecord | undefined>;
  /**
   * Rewrites a report's stored ancestry (and with it its inbox indexes) without changing it
   * otherwise, on condition that it is still at `report.version`; `conflict` when it changed.
   */
  reindex(report: Report): Promise<"saved" | "conflict">;
  /**
   * Records a pending attachment, on condition that the report has fewer than `max` attachments
   * not rejected (concurrent announcements cannot exceed it); `limit` when it has them.
   */
  announceAttachment(attachment: Attachment, max: number): Promise<"saved" | "limit">;
}

export type { ReindexJob };

export interface ReindexJobs {
  get(agencyId: string): Promise<ReindexJob | undefined>;
  /** Records the next state of a job, on condition that it is still at step `next.step - 1`. */
  advance(next: ReindexJob): Promise<"saved" | "stale">;
}

/** One report due for an action, as the sweep reads it from the due index. */
export interface DueItem {
  readonly trackingId: string;
  /** `clock:level`, e.g. `firstFollowUp:2`. */
  readonly action: string;
  readonly dueAt: string;
}

export interface DuePage {
  readonly items: readonly DueItem[];
  /** Read capacity units the query consumed (for the sweep benchmark and logs). */
  readonly consumedReadUnits: number;
  readonly cursor?: Record<string, unknown>;
}

export interface DueIndex {
  /** Reports of one shard whose next due action is at or before `now`, earliest first. */
  due(shard: number, now: Date, cursor?: Record<string, unknown>): Promise<DuePage>;
}

/** Messages to the queues between steps (SQS in AWS, the local SQS server with `npm start`). */
export interface MessageQueue {
  /**
   * Sends every message or throws: a message is never silently dropped. `delaySeconds` (0–900,
   * SQS's limit) keeps them invisible that long. @default 0
   */
  send<Q extends QueueName>(
    queue: Q,
    messages: readonly QueueMessage<Q>[],
    options?: { readonly delaySeconds?: number },
  ): Promise<void>;
}

export interface DirectoryRepository {
  /**
   * The whole directory. Adapters may cache it for a short time; `fresh` reads it from the store
   * (jobs that must see a move made a moment ago by another function).
   */
  load(options?: { readonly fresh?: boolean }): Promise<Directory>;
  /** Upserts every agency and category given; returns how many items were written. */
  save(data: DirectoryData): Promise<number>;
  /** Writes one agency: `create` fails with `exists` if the id is taken, `update` with `missing` if not. */
  putAgency(agency: Agency, mode: "create" | "update"): Promise<"saved" | "exists" | "missing">;
  /** Moves an agency and starts the re-indexing of its subtree's reports, atomically. */
  moveAgency(agency: Agency, job: ReindexJob): Promise<"saved" | "missing">;
}

/** The server-held secret(s) access tokens are derived with (Secrets Manager in AWS). */
export interface TokenSecrets {
  /** The current secret first, then the previous one while a rotation is under way. */
  load(): Promise<readonly TokenSecret[]>;
}

/** What has been applied to the counters for one report (figures.ts). */
export interface FiguresLedger {
  readonly trackingId: string;
  /** Incremented by every application: the condition that makes two appliers settle on one. */
  readonly revision: number;
  /** The report version the contributions were computed from. */
  readonly version: number;
  readonly contributions: Contributions;
}

/** Per-agency, per-month cohort counters and live counters, with the per-report ledger. */
export interface FiguresStore {
  ledger(trackingId: string): Promise<FiguresLedger | undefined>;
  /**
   * Adds `delta` to the counters and writes `next` as the report's ledger, atomically, on condition
   * that the ledger is still at revision `next.revision - 1` (0: none). `conflict` when another
   * application came first (or touched the same counters at the same instant): read and retry.
   */
  apply(next: FiguresLedger, delta: Contributions): Promise<"saved" | "conflict">;
  /** Adds `delta` to the counters without a ledger (the rebuild's correction of a counter). */
  adjust(delta: Contributions): Promise<void>;
  /** Cohort counters of each agency, month by month, for the months `from`..`to` (YYYY-MM). */
  months(agencyIds: readonly string[], from: string, to: string): Promise<Map<string, Map<string, Counters>>>;
  /** Live counters of each agency's subtree. */
  live(agencyIds: readonly string[]): Promise<Map<string, Counters>>;
  /** Read and write capacity consumed so far by this instance (benchmarks). */
  readonly consumed?: {
    readonly readUnits: number;
    readonly writeUnits: number;
    /** Items written in transactions (AWS bills 2 write units per item of up to 1 KB). */
    readonly transactionItems: number;
  };
}

/** Staff export records (`EXPORT#<id>`), kept 7 days. */
export interface ExportJobs {
  /** Writes a new record; `exists` if the id is taken. */
  create(record: ExportRecord): Promise<"saved" | "exists">;
  get(exportId: string): Promise<ExportRecord | undefined>;
  /** Writes `next` on condition that the stored record's status is one of `from`. */
  advance(next: ExportRecord, from: readonly ExportStatus[]): Promise<"saved" | "stale">;
}

/**
 * Export files in the bucket (S3 in AWS, the local S3 server under `npm start`), in two ports: the
 * export job writes them; the API only hands out links, and so never bundles an S3 client.
 */
export interface ExportStore {
  /**
   * Writes the text the chunks make up under `key`, holding at most one upload part (5 MiB) in
   * memory, so that any number of rows fits.
   */
  write(key: string, chunks: AsyncIterable<string>): Promise<{ readonly bytes: number }>;
}

export interface ExportLinks {
  /** A presigned GET of `key`, valid for `seconds`. */
  downloadUrl(key: string, seconds: number): Promise<string>;
}

export type ExportFiles = ExportStore & ExportLinks;

/** A presigned upload a client performs itself: a form POST with these fields and the file last. */
export interface PresignedUpload {
  readonly method: "POST";
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Attachment files in the bucket (S3 in AWS; locally the S3 server behind the policy check), in two
 * ports: the API only signs uploads and downloads (and so never bundles an S3 client); the
 * attachment check reads, rewrites and deletes the files.
 */
export interface AttachmentLinks {
  /** An upload of one exact key, content type and at most `maxBytes`, valid `seconds`. */
  presignUpload(
    key: string,
    contentType: string,
    maxBytes: number,
    seconds: number,
  ): Promise<PresignedUpload>;
  /** A presigned GET served as a download with the stored type, valid `seconds`. */
  downloadUrl(
    key: string,
    options: { readonly seconds: number; readonly contentType: string; readonly fileName: string },
  ): Promise<string>;
}

export interface AttachmentStore {
  /** The object's bytes, or undefined when there is none. */
  read(key: string): Promise<Uint8Array | undefined>;
  writeClean(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** Deletes every version (and delete marker) of the key; returns how many. */
  deleteAllVersions(key: string): Promise<number>;
}

export type AttachmentFiles = AttachmentLinks & AttachmentStore;

/** One e-mail, plain text and HTML. */
export interface OutgoingEmail {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Message tags (SES), for the event destination's figures: never personal data. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** Sends e-mail (Amazon SES v2; locally the SES emulator). Throws when the message was not accepted. */
export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}

/**
 * What has been delivered, by deterministic notification id (`NOTICE#<id>`, kept 90 days): a
 * redelivered change finds its notification done and sends nothing twice.
 */
export interface NotificationLog {
  isDone(id: string): Promise<boolean>;
  markDone(id: string, at: Date): Promise<void>;
}

/** An agency's notification channels: contact e-mails and webhooks (`NOTIFY#<agencyId>`). */
export interface AgencyChannels {
  /** Both at once (one Query): what the notifier needs for one agency. */
  load(
    agencyId: string,
  ): Promise<{ readonly contacts: readonly string[]; readonly webhooks: readonly Webhook[] }>;
  setContacts(agencyId: string, emails: readonly string[]): Promise<void>;
  /** Registers a webhook, on condition that the agency has fewer than `max`; `limit` when it has them. */
  addWebhook(webhook: Webhook, max: number): Promise<"saved" | "limit">;
  getWebhook(agencyId: string, webhookId: string): Promise<Webhook | undefined>;
  removeWebhook(agencyId: string, webhookId: string): Promise<"removed" | "missing">;
  /** Appends one attempt to the agency's delivery log (kept 30 days). */
  logDelivery(agencyId: string, delivery: WebhookDelivery): Promise<void>;
  /** The agency's delivery log, newest first, optionally of one webhook. */
  deliveries(
    agencyId: string,
    options: { readonly webhookId?: string; readonly limit: number },
  ): Promise<WebhookDelivery[]>;
}

/** The answer of one webhook attempt: a status, or why there was none. */
export type WebhookResponse =
  | { readonly status: number }
  | { readonly error: string; readonly refused?: boolean };

/** Sends webhooks over HTTP(S), refusing internal addresses (adapters/http/webhook-sender.ts). */
export interface WebhookSender {
  /** The addresses a receiver's host name resolves to (the registration check). */
  resolve(host: string): Promise<readonly string[]>;
  post(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<WebhookResponse>;
}

/** Access-token recovery codes, per report (`RECOVERY#<trackingId>`). */
export interface AccessRecoveryStore {
  get(trackingId: string): Promise<RecoveryRecord | undefined>;
  /** Writes `next` on condition that the stored record is at revision `next.revision - 1`. */
  save(next: RecoveryRecord): Promise<"saved" | "conflict">;
  /**
   * Writes `next` and replaces the report's access-token hash `oldHash` with `newHash`, atomically,
   * on condition of both: `conflict` when either changed meanwhile.
   */
  redeem(next: RecoveryRecord, oldHash: string, newHash: string): Promise<"saved" | "conflict">;
}

/** API keys (`APIKEYS#<agencyId>`) and their per-minute use counters. */
export interface ApiKeys {
  /** Writes a new key; throws if its id is taken (a random id: it is not). */
  create(key: ApiKey): Promise<void>;
  /** The key with this id (`<agencyId>.<random>`); adapters may keep it up to API_KEY_CACHE_MS. */
  get(id: string): Promise<ApiKey | undefined>;
  list(agencyId: string): Promise<ApiKey[]>;
  revoke(id: string, at: Date): Promise<"revoked" | "missing">;
  /**
   * Counts one use of the key in the minute `window`: `limited` once it was used `limit` times
   * in it. The first use of a minute also records the key's last use.
   */
  use(key: ApiKey, window: string, limit: number, at: Date): Promise<"allowed" | "limited">;
}
