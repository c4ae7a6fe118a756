import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { Attachment } from "../../domain/attachments";
import { invalidCursor } from "../../domain/errors";
import type { FollowUp, Report, TimelineEvent } from "../../domain/report";
import type { Change } from "../../domain/transitions";
import { TABLE_DESIGN } from "../../manifests/table-design";
import type {
  CreateReportOutcome,
  IdempotencyRecord,
  InboxPage,
  InboxQuery,
  PublicMonthQuery,
  ReportRepository,
  StoredReport,
} from "../../use-cases/ports";
import {
  batchPutAll,
  conditionFailedAt,
  isConditionFailed,
  isTransactionCancelled,
  putWithinLimit,
} from "./client";
import {
  dueAttributes,
  inboxAttributes,
  inboxIndexName,
  inboxPartition,
  inboxPartitionAttribute,
  keys,
  PK,
  publicAttributes,
  publicPartition,
  SK,
  SK_PREFIX,
  stripStorage,
  TTL,
} from "./keys";

type TransactItems = NonNullable<TransactWriteCommandInput["TransactItems"]>;

export class DynamoReportRepository implements ReportRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(
    report: Report,
    event: TimelineEvent,
    idempotency?: IdempotencyRecord,
  ): Promise<CreateReportOutcome> {
    const TableName = this.tableName;
    const notExists = `attribute_not_exists(${PK})`;
    const items: TransactItems = [
      { Put: { TableName, Item: this.reportItem(report), ConditionExpression: notExists } },
      {
        Put: {
          TableName,
          Item: eventItem(report.trackingId, event),
          ConditionExpression: notExists,
        },
      },
    ];
    if (idempotency) {
      const { expiresAt, ...record } = idempotency;
      items.push({
        Put: {
          TableName,
          Item: {
            ...keys.idempotency(idempotency.keyHash),
            entity: "idempotency",
            ...record,
            [TTL]: expiresAt,
          },
          // An expired record that TTL has not deleted yet may be taken over.
          ConditionExpression: `${notExists} OR #ttl < :now`,
          ExpressionAttributeNames: { "#ttl": TTL },
          ExpressionAttributeValues: { ":now": Math.floor(Date.parse(report.createdAt) / 1000) },
        },
      });
    }
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { kind: "created" };
    } catch (error) {
      if (idempotency && conditionFailedAt(error, 2)) {
        const record = await this.findIdempotency(idempotency.keyHash, new Date(report.createdAt));
        // The twin may have expired in between: then our own write can simply be retried.
        if (record) return { kind: "idempotency_key_taken", record };
        return { kind: "tracking_id_taken" };
      }
      if (conditionFailedAt(error, 0) || conditionFailedAt(error, 1)) return { kind: "tracking_id_taken" };
      if (isTransactionCancelled(error))
        throw new Error(`report ${report.trackingId} not created`, { cause: error });
      throw error;
    }
  }

  async load(trackingId: string): Promise<StoredReport | undefined> {
    let report: Report | undefined;
    const timeline: TimelineEvent[] = [];
    const followUps: FollowUp[] = [];
    const attachments: Attachment[] = [];
    const pages = paginateQuery(
      { client: this.doc },
      {
        TableName: this.tableName,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": PK },
        ExpressionAttributeValues: { ":pk": keys.reportPartition(trackingId) },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const sk = String(item[SK]);
        if (sk === keys.report(trackingId).sk) report = stripStorage<Report>(item);
        else if (sk.startsWith(SK_PREFIX.event)) {
          const { trackingId: _stored, ...event } = stripStorage<TimelineEvent & { trackingId?: string }>(
            item,
          );
          timeline.push(event);
        } else if (sk.startsWith(SK_PREFIX.followUp)) followUps.push(stripStorage<FollowUp>(item));
        else if (sk.startsWith(SK_PREFIX.attachment)) attachments.push(stripStorage<Attachment>(item));
      }
    }
    return report ? { report, timeline, followUps, attachments } : undefined;
  }

  async saveChange(expectedVersion: number, change: Change): Promise<"saved" | "conflict"> {
    const TableName = this.tableName;
    const { report, event, followUp } = change;
    const items: TransactItems = [
      {
        Put: {
          TableName,
          Item: this.reportItem(report),
          ConditionExpression: "#version = :expected",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": expectedVersion },
        },
      },
      {
        Put: {
          TableName,
          Item: eventItem(report.trackingId, event),
          ConditionExpression: `attribute_not_exists(${PK})`,
        },
      },
    ];
    if (followUp) {
      items.push({
        Put: {
          TableName,
          Item: { ...keys.followUp(report.trackingId, followUp.id), entity: "follow-up", ...followUp },
          ...(change.publishesDraft
            ? {
                ConditionExpression: "#status = :draft",
                ExpressionAttributeNames: { "#status": "status" },
                ExpressionAttributeValues: { ":draft": "draft" },
              }
            : { ConditionExpression: `attribute_not_exists(${PK})` }),
        },
      });
    }
    if (change.attachment) {
      const { attachment } = change;
      items.push({
        Put: {
          TableName,
          Item: attachmentItem(attachment),
          ConditionExpression: "#status = :was",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":was": change.attachmentWas ?? attachment.status },
        },
      });
      // A rejected file gives its slot back: the count limit is of attachments not rejected.
      if (attachment.status === "rejected" && change.attachmentWas === "pending") {
        items.push({
          Update: {
            TableName,
            Key: keys.attachmentSlots(attachment.trackingId),
            UpdateExpression: "ADD #used :minusOne",
            ExpressionAttributeNames: { "#used": "used" },
            ExpressionAttributeValues: { ":minusOne": -1 },
          },
        });
      }
    }
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return "saved";
    } catch (error) {
      if (isTransactionCancelled(error) && items.some((_, i) => conditionFailedAt(error, i)))
        return "conflict";
      throw error;
    }
  }

  async announceAttachment(attachment: Attachment, max: number): Promise<"saved" | "limit"> {
    return putWithinLimit(this.doc, this.tableName, {
      counter: keys.attachmentSlots(attachment.trackingId),
      attribute: "used",
      counterEntity: "attachment-slots",
      max,
      item: attachmentItem(attachment),
    });
  }

  async inbox(query: InboxQuery): Promise<InboxPage> {
    const partitionAttribute = inboxPartitionAttribute(query.depth);
    const partition = inboxPartition(query.agencyId, query.status);
    const names: Record<string, string> = { "#p": partitionAttribute };
    const values: Record<string, string> = { ":p": partition };
    if (query.overdueAt !== undefined) {
      names["#overdueAt"] = "overdueAt";
      values[":now"] = query.overdueAt.toISOString();
    }
    if (query.submitted !== undefined) {
      names["#sk"] = "inboxSk";
      // The sort key is `<createdAt>#<trackingId>`: every ID sorts between "#" and "#~".
      values[":from"] = `${query.submitted.from}#`;
      values[":to"] = `${query.submitted.to}#~`;
    }
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: inboxIndexName(query.depth),
        KeyConditionExpression: `#p = :p${query.submitted ? " AND #sk BETWEEN :from AND :to" : ""}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: query.limit,
        ...(query.overdueAt !== undefined && { FilterExpression: "#overdueAt <= :now" }),
        ...(query.cursor !== undefined && {
          ExclusiveStartKey: decodeCursor(query.cursor, partitionAttribute, partition),
        }),
      }),
    );
    const items = result.Items ?? [];
    return {
      reports: items.map((item) => stripStorage<Report>(item)),
      resumeAfter: items.map((item) =>
        encodeCursor({
          [PK]: item[PK],
          [SK]: item[SK],
          [partitionAttribute]: item[partitionAttribute],
          inboxSk: item.inboxSk,
        }),
      ),
      ...(result.LastEvaluatedKey && { cursor: encodeCursor(result.LastEvaluatedKey) }),
    };
  }

  async publicMonth(query: PublicMonthQuery): Promise<{ reports: Report[]; cursor?: string }> {
    const index = TABLE_DESIGN.indexes.byPublicList;
    const partition = publicPartition(`${query.month}-01`);
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: "byPublicList",
        KeyConditionExpression: "#p = :p AND #s BETWEEN :from AND :to",
        ExpressionAttributeNames: { "#p": index.partitionKey, "#s": index.sortKey },
        // The sort key is `<createdAt>#<trackingId>`: every ID sorts between "#" and "#~".
        ExpressionAttributeValues: { ":p": partition, ":from": `${query.from}#`, ":to": `${query.to}#~` },
        ScanIndexForward: false,
        Limit: query.limit,
        ...(query.cursor !== undefined && {
          ExclusiveStartKey: decodeCursor(query.cursor, index.partitionKey, partition, index.sortKey),
        }),
      }),
    );
    return {
      reports: (result.Items ?? []).map((item) => stripStorage<Report>(item)),
      ...(result.LastEvaluatedKey && { cursor: encodeCursor(result.LastEvaluatedKey) }),
    };
  }

  async findIdempotency(keyHash: string, now: Date): Promise<IdempotencyRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.idempotency(keyHash), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const expiresAt = Number(Item[TTL]);
    if (expiresAt * 1000 <= now.getTime()) return undefined;
    return { ...stripStorage<Omit<IdempotencyRecord, "expiresAt">>(Item), expiresAt };
  }

  async reindex(report: Report): Promise<"saved" | "conflict"> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.reportItem(report),
          ConditionExpression: "#version = :expected",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":expected": report.version },
        }),
      );
      return "saved";
    } catch (error) {
      if (isConditionFailed(error)) return "conflict";
      throw error;
    }
  }

  /**
   * Bulk import of reports with their first event (a migration from another system, benchmarks):
   * unconditional batch writes, 25 items a request, unprocessed items retried. Not for live intake.
   */
  async importReports(reports: readonly { report: Report; event: TimelineEvent }[]): Promise<void> {
    const items = reports.flatMap(({ report, event }) => [
      this.reportItem(report),
      eventItem(report.trackingId, event),
    ]);
    await batchPutAll(this.doc, this.tableName, items);
  }

  private reportItem(report: Report): Record<string, unknown> {
    return {
      ...keys.report(report.trackingId),
      entity: "report",
      ...report,
      ...inboxAttributes(report.agencyPath, report.status, report.createdAt, report.trackingId),
      ...dueAttributes(report),
      ...publicAttributes(report),
    };
  }
}

/**
 * A timeline event as stored: with its report's tracking ID, so that the stream router can name the
 * report without parsing keys (the attribute is dropped again when the event is read).
 */
function eventItem(trackingId: string, event: TimelineEvent): Record<string, unknown> {
  return { ...keys.event(trackingId, event.seq), entity: "event", trackingId, ...event };
}

function attachmentItem(attachment: Attachment): Record<string, unknown> {
  return { ...keys.attachment(attachment.trackingId, attachment.id), entity: "attachment", ...attachment };
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** A cursor is client input: only a key of the very partition being read is accepted. */
function decodeCursor(
  cursor: string,
  partitionAttribute: string,
  partition: string,
  sortAttribute = "inboxSk",
): Record<string, string> {
  const invalid = invalidCursor();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  const allowed = new Set([PK, SK, partitionAttribute, sortAttribute]);
  if (
    typeof key !== "object" ||
    key === null ||
    Array.isArray(key) ||
    Object.entries(key).some(([name, value]) => !allowed.has(name) || typeof value !== "string") ||
    (key as Record<string, string>)[partitionAttribute] !== partition
  ) {
    throw invalid;
  }
  return key as Record<string, string>;
}
