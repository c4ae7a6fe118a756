import {
  type DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";
import type { Report, TimelineEvent } from "../../domain/report";
import type {
  CreateReportOutcome,
  IdempotencyRecord,
  ReportRepository,
  StoredReport,
} from "../../use-cases/ports";
import { conditionFailedAt, isTransactionCancelled } from "./client";
import { inboxAttributes, keys, PK, SK, SK_PREFIX, stripStorage, TTL } from "./keys";

export class DynamoReportRepository implements ReportRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(report: Report, event: TimelineEvent, idempotency?: IdempotencyRecord): Promise<CreateReportOutcome> {
    const TableName = this.tableName;
    const notExists = `attribute_not_exists(${PK})`;
    const items: NonNullable<TransactWriteCommandInput["TransactItems"]> = [
      { Put: { TableName, Item: this.reportItem(report), ConditionExpression: notExists } },
      {
        Put: {
          TableName,
          Item: { ...keys.event(report.trackingId, event.seq), entity: "event", ...event },
          ConditionExpression: notExists,
        },
      },
    ];
    if (idempotency) {
      const { expiresAt, ...record } = idempotency;
      items.push({
        Put: {
          TableName,
          Item: { ...keys.idempotency(idempotency.keyHash), entity: "idempotency", ...record, [TTL]: expiresAt },
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
      if (isTransactionCancelled(error)) throw new Error(`report ${report.trackingId} not created`, { cause: error });
      throw error;
    }
  }

  async load(trackingId: string): Promise<StoredReport | undefined> {
    let report: Report | undefined;
    const timeline: TimelineEvent[] = [];
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
        else if (sk.startsWith(SK_PREFIX.event)) timeline.push(stripStorage<TimelineEvent>(item));
      }
    }
    return report ? { report, timeline } : undefined;
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

  private reportItem(report: Report): Record<string, unknown> {
    return {
      ...keys.report(report.trackingId),
      entity: "report",
      ...report,
      ...inboxAttributes(report.agencyPath, report.status, report.createdAt, report.trackingId),
    };
  }
}
