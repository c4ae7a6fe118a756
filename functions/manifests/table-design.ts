/**
 * The physical shape of Aduan's single DynamoDB table: key attribute names, indexes and TTL.
 *
 * Pure data, shared by the CDK stateful stack (lib/stateful-stack.ts) and the local server
 * (local/create-table.ts) so that the table in AWS and the table on a laptop cannot drift.
 * Key *values* are built only in functions/adapters/dynamodb/keys.ts; the access-pattern table
 * lives there and in the README.
 */

export interface IndexDesign {
  readonly partitionKey: string;
  readonly sortKey: string;
  /** Non-key attributes copied into the index; `"ALL"` copies the whole item. */
  readonly projection: "ALL" | readonly string[];
}

/**
 * The partitions of agencies' notification channels: contact e-mails and webhooks with their
 * signing secrets (`NOTIFY#<agencyId>`). Only functions with `channels` access may touch them; IAM
 * denies every other function these partitions, whatever its table access (lib/access.ts).
 */
export const CHANNELS_PARTITION_PREFIX = "NOTIFY#";

export const TABLE_DESIGN = {
  partitionKey: "pk",
  sortKey: "sk",
  /** Epoch seconds; DynamoDB deletes expired idempotency records (DynamoDB Local does not). */
  ttlAttribute: "expiresAt",
  /** The table's stream carries new images: the router (jobs `route-changes`) needs entity and key. */
  streamView: "NEW_IMAGE",
  indexes: {
    /**
     * An agency's inbox by status, one index per depth of the agency tree. A report carries
     * `inbox<d>pk = <ancestor at depth d>#<status>` for every ancestor of its assigned agency, so
     * that the staff of any agency read their whole subtree with one Query, newest first.
     */
    byAgencyStatus0: { partitionKey: "inbox0pk", sortKey: "inboxSk", projection: "ALL" },
    byAgencyStatus1: { partitionKey: "inbox1pk", sortKey: "inboxSk", projection: "ALL" },
    byAgencyStatus2: { partitionKey: "inbox2pk", sortKey: "inboxSk", projection: "ALL" },
    byAgencyStatus3: { partitionKey: "inbox3pk", sortKey: "inboxSk", projection: "ALL" },
    byAgencyStatus4: { partitionKey: "inbox4pk", sortKey: "inboxSk", projection: "ALL" },
    /** Sparse: only open reports with a running clock. Sharded so no single key runs hot. */
    byDueDate: { partitionKey: "duePk", sortKey: "dueSk", projection: ["dueAction", "status"] },
    /** Sparse: only verified, non-confidential reports, bucketed by month of submission. */
    byPublicList: { partitionKey: "publicPk", sortKey: "publicSk", projection: "ALL" },
  },
} as const satisfies {
  partitionKey: string;
  sortKey: string;
  ttlAttribute: string;
  streamView: "NEW_IMAGE" | "NEW_AND_OLD_IMAGES" | "KEYS_ONLY" | "OLD_IMAGE";
  indexes: Record<string, IndexDesign>;
};

export type IndexName = keyof typeof TABLE_DESIGN.indexes;

export { MAX_AGENCY_DEPTH } from "../domain/constants";

export const INBOX_INDEXES = [
  "byAgencyStatus0",
  "byAgencyStatus1",
  "byAgencyStatus2",
  "byAgencyStatus3",
  "byAgencyStatus4",
] as const satisfies readonly IndexName[];

/** Number of partitions of the byDueDate index; see docs/decisions.md. */
export const DUE_SHARDS = 8;
