/**
 * Every key of Aduan's single table is built here and nowhere else.
 *
 * Entities (pk / sk):
 *   report            REPORT#<trackingId>        / REPORT
 *   timeline event    REPORT#<trackingId>        / EVENT#<seq, 6 digits>     (immutable, seq = report version)
 *   follow-up         REPORT#<trackingId>        / FOLLOWUP#<id>
 *   attachment        REPORT#<trackingId>        / ATTACHMENT#<id>
 *   attachment slots  SLOTS#<trackingId>         / ATTACHMENTS               (attachments not rejected: the count limit)
 *   agency            DIRECTORY                  / AGENCY#<agencyId>
 *   category          DIRECTORY                  / CATEGORY#<code>
 *   idempotency       IDEMPOTENCY#<sha256(key)>  / IDEMPOTENCY               (TTL expiresAt, 24 h)
 *   re-index job      REINDEX#<agencyId>         / JOB                       (latest move of the agency)
 *   figures ledger    FIGURES#<trackingId>       / LEDGER                    (what the report adds to the counters)
 *   cohort counters   STATS#<agencyId>           / MONTH#<yyyy-mm>           (the agency's subtree, by cohort month)
 *   live counters     STATS#<agencyId>           / LIVE                      (the agency's subtree, by status now)
 *   staff export      EXPORT#<exportId>          / EXPORT                    (TTL expiresAt, 7 days)
 *   agency channels   NOTIFY#<agencyId>          / SETTINGS                  (contact e-mails, webhook count)
 *   webhook           NOTIFY#<agencyId>          / WEBHOOK#<webhookId>       (with its signing secret)
 *   delivery log      DELIVERIES#<agencyId>      / <at>#<deliveryId>#<attempt> (TTL expiresAt, 30 days)
 *   notification done NOTICE#<notificationId>   / DONE                      (TTL expiresAt, 90 days)
 *   token recovery    RECOVERY#<trackingId>      / CODES                     (TTL expiresAt, 24 h after the last code)
 *   API key           APIKEYS#<agencyId>         / KEY#<keyId>               (the secret's hash only)
 *   API key use       APIKEYUSE#<keyId>          / <yyyy-mm-ddThh:mm>        (TTL expiresAt, 2 minutes: the rate limit)
 *
 * Access patterns (pattern → key condition → index):
 *   track a report with its timeline       pk = REPORT#<id>                                → table (1 Query)
 *   idempotent intake                      pk = IDEMPOTENCY#<hash>, sk = IDEMPOTENCY       → table (GetItem / condition)
 *   read the agency and category trees     pk = DIRECTORY, sk begins_with AGENCY#|CATEGORY# → table (Query)
 *   an agency's inbox by status, subtree,  inbox<d>pk = <agencyId>#<status>, newest first  → byAgencyStatus<d>,
 *     newest first                           (d = depth of the agency: 0 national … 4)        d = depth
 *   overdue reports by due instant         duePk = DUE#<0..7>, dueSk <= <now>              → byDueDate (one Query per shard)
 *   public listing by month                publicPk = PUBLIC#<yyyy-mm>, newest first       → byPublicList
 *   re-index progress of a moved agency    pk = REINDEX#<agencyId>, sk = JOB               → table (GetItem)
 *   reports to re-index after a move       inbox<d>pk = <agencyId>#<status>, d = old depth → byAgencyStatus<d>
 *   an agency's figures for months a..b    pk = STATS#<agencyId>, sk between MONTH#a, MONTH#b → table (Query per agency)
 *   live counts of agencies                pk = STATS#<agencyId>, sk = LIVE                → table (BatchGet)
 *   a staff export's status                pk = EXPORT#<exportId>, sk = EXPORT             → table (GetItem)
 *   an agency's contacts and webhooks      pk = NOTIFY#<agencyId>                          → table (1 Query)
 *   an agency's delivery log, newest first pk = DELIVERIES#<agencyId>                      → table (Query, backwards)
 *   was a notification delivered?          pk = NOTICE#<id>, sk = DONE                     → table (GetItem)
 *   a report's recovery codes              pk = RECOVERY#<trackingId>, sk = CODES          → table (GetItem)
 *   an API key by id                       pk = APIKEYS#<agencyId>, sk = KEY#<keyId>        → table (GetItem)
 *   an agency's API keys                   pk = APIKEYS#<agencyId>                         → table (Query)
 *   a key's uses this minute               pk = APIKEYUSE#<keyId>, sk = <minute>           → table (UpdateItem ADD)
 *   reports of a subtree submitted a..b    inbox<d>pk = <agencyId>#<status>, inboxSk between → byAgencyStatus<d>
 *   every report (figures rebuild, export) inbox0pk = <root>#<status>, or <agencyId>#<status> → byAgencyStatus<d>
 *
 * Nothing scans. Index attributes are only present while they apply (sparse indexes).
 *
 */
import { type DueAction, formatDueAction } from "../../domain/deadlines";
import { isPublicReport, listingKey } from "../../domain/report";
import {
  CHANNELS_PARTITION_PREFIX,
  DUE_SHARDS,
  INBOX_INDEXES,
  MAX_AGENCY_DEPTH,
  TABLE_DESIGN,
} from "../../manifests/table-design";

export const PK = TABLE_DESIGN.partitionKey;
export const SK = TABLE_DESIGN.sortKey;
export const TTL = TABLE_DESIGN.ttlAttribute;

export type Key = Record<typeof PK | typeof SK, string>;

const SEQ_WIDTH = 6;

export const keys = {
  report: (trackingId: string): Key => ({ pk: `REPORT#${trackingId}`, sk: "REPORT" }),
  reportPartition: (trackingId: string) => `REPORT#${trackingId}`,
  event: (trackingId: string, seq: number): Key => ({
    pk: `REPORT#${trackingId}`,
    sk: `EVENT#${String(seq).padStart(SEQ_WIDTH, "0")}`,
  }),
  followUp: (trackingId: string, id: string): Key => ({ pk: `REPORT#${trackingId}`, sk: `FOLLOWUP#${id}` }),
  attachment: (trackingId: string, id: string): Key => ({
    pk: `REPORT#${trackingId}`,
    sk: `ATTACHMENT#${id}`,
  }),
  // Outside the report's partition, like the ledger below: loading a report (every read and every
  // action) does not read them.
  attachmentSlots: (trackingId: string): Key => ({ pk: `SLOTS#${trackingId}`, sk: "ATTACHMENTS" }),
  directoryPartition: "DIRECTORY",
  agency: (agencyId: string): Key => ({ pk: "DIRECTORY", sk: `AGENCY#${agencyId}` }),
  category: (code: string): Key => ({ pk: "DIRECTORY", sk: `CATEGORY#${code}` }),
  idempotency: (keyHash: string): Key => ({ pk: `IDEMPOTENCY#${keyHash}`, sk: "IDEMPOTENCY" }),
  reindexJob: (agencyId: string): Key => ({ pk: `REINDEX#${agencyId}`, sk: "JOB" }),
  figuresLedger: (trackingId: string): Key => ({ pk: `FIGURES#${trackingId}`, sk: "LEDGER" }),
  statsPartition: (agencyId: string) => `STATS#${agencyId}`,
  /** `period` is a month (YYYY-MM) or `live`. */
  stats: (agencyId: string, period: string): Key => ({
    pk: `STATS#${agencyId}`,
    sk: period === "live" ? "LIVE" : `MONTH#${period}`,
  }),
  statsMonth: (month: string) => `MONTH#${month}`,
  exportJob: (exportId: string): Key => ({ pk: `EXPORT#${exportId}`, sk: "EXPORT" }),
  channelsPartition: (agencyId: string) => `${CHANNELS_PARTITION_PREFIX}${agencyId}`,
  channelSettings: (agencyId: string): Key => ({
    pk: `${CHANNELS_PARTITION_PREFIX}${agencyId}`,
    sk: "SETTINGS",
  }),
  webhook: (agencyId: string, webhookId: string): Key => ({
    pk: `${CHANNELS_PARTITION_PREFIX}${agencyId}`,
    sk: `WEBHOOK#${webhookId}`,
  }),
  deliveriesPartition: (agencyId: string) => `DELIVERIES#${agencyId}`,
  delivery: (agencyId: string, at: string, deliveryId: string, attempt: number): Key => ({
    pk: `DELIVERIES#${agencyId}`,
    sk: `${at}#${deliveryId}#${String(attempt).padStart(3, "0")}`,
  }),
  notice: (notificationId: string): Key => ({ pk: `NOTICE#${notificationId}`, sk: "DONE" }),
  recovery: (trackingId: string): Key => ({ pk: `RECOVERY#${trackingId}`, sk: "CODES" }),
  apiKeysPartition: (agencyId: string) => `APIKEYS#${agencyId}`,
  apiKey: (agencyId: string, keyId: string): Key => ({ pk: `APIKEYS#${agencyId}`, sk: `KEY#${keyId}` }),
  apiKeyUse: (keyId: string, window: string): Key => ({ pk: `APIKEYUSE#${keyId}`, sk: window }),
} as const;

export const SK_PREFIX = {
  event: "EVENT#",
  followUp: "FOLLOWUP#",
  attachment: "ATTACHMENT#",
  agency: "AGENCY#",
  category: "CATEGORY#",
} as const;

/** Inbox index attributes for a report: one per ancestor of its agency, root first. */
export function inboxAttributes(
  agencyPath: readonly string[],
  status: string,
  createdAt: string,
  trackingId: string,
): Record<string, string> {
  if (agencyPath.length > MAX_AGENCY_DEPTH + 1)
    throw new Error(`agency path too deep: ${agencyPath.join("/")}`);
  const attributes: Record<string, string> = {};
  agencyPath.forEach((agencyId, depth) => {
    attributes[inboxPartitionAttribute(depth)] = inboxPartition(agencyId, status);
  });
  attributes[TABLE_DESIGN.indexes.byAgencyStatus0.sortKey] = listingKey({ createdAt, trackingId });
  return attributes;
}

export function inboxPartitionAttribute(depth: number): string {
  const index = INBOX_INDEXES[depth];
  if (!index) throw new Error(`no inbox index for depth ${depth}`);
  return TABLE_DESIGN.indexes[index].partitionKey;
}

export function inboxPartition(agencyId: string, status: string): string {
  return `${agencyId}#${status}`;
}

export function inboxIndexName(depth: number): string {
  const index = INBOX_INDEXES[depth];
  if (!index) throw new Error(`no inbox index for depth ${depth}`);
  return index;
}

/** Deterministic shard of the due index for a report (FNV-1a of the tracking ID). */
export function dueShard(trackingId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < trackingId.length; i++) {
    hash ^= trackingId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % DUE_SHARDS;
}

export function duePartition(shard: number): string {
  return `DUE#${shard}`;
}

export function publicPartition(createdAt: string): string {
  return `PUBLIC#${createdAt.slice(0, 7)}`;
}

/** Attributes that are storage, not domain: stripped when an item is read back. */
export const STORAGE_ATTRIBUTES: ReadonlySet<string> = new Set<string>([
  PK,
  SK,
  TTL,
  "entity",
  "dueAction",
  ...Object.values(TABLE_DESIGN.indexes).flatMap((index) => [index.partitionKey, index.sortKey]),
]);

export function stripStorage<T>(item: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) if (!STORAGE_ATTRIBUTES.has(name)) out[name] = value;
  return out as T;
}

/** byDueDate attributes: present only while the report has a pending due action. */
export function dueAttributes(report: {
  readonly trackingId: string;
  readonly nextDue?: Pick<DueAction, "at" | "clock" | "level">;
}): Record<string, string> {
  if (!report.nextDue) return {};
  const index = TABLE_DESIGN.indexes.byDueDate;
  return {
    [index.partitionKey]: duePartition(dueShard(report.trackingId)),
    [index.sortKey]: `${report.nextDue.at}#${report.trackingId}`,
    dueAction: formatDueAction(report.nextDue),
  };
}

/** Upper bound of the due sort key for "due at or before `now`". */
export function dueUntil(now: Date): string {
  return `${now.toISOString()}#~`;
}

/** byPublicList attributes: verified, non-confidential reports only. */
export function publicAttributes(report: {
  readonly trackingId: string;
  readonly createdAt: string;
  readonly verifiedAt?: string;
  readonly confidential: boolean;
  readonly status: string;
}): Record<string, string> {
  if (!isPublicReport(report)) return {};
  const index = TABLE_DESIGN.indexes.byPublicList;
  return {
    [index.partitionKey]: publicPartition(report.createdAt),
    [index.sortKey]: listingKey(report),
  };
}

export function trackingIdOfPartition(pk: string): string {
  if (!pk.startsWith("REPORT#")) throw new Error(`not a report partition: ${pk}`);
  return pk.slice("REPORT#".length);
}
