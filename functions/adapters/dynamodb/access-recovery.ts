import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { CODE_LIFETIME_MS, type RecoveryRecord } from "../../domain/access-recovery";
import type { AccessRecoveryStore } from "../../use-cases/ports";
import { isConditionFailed, isTransactionCancelled } from "./client";
import { keys, PK, stripStorage, TTL } from "./keys";

/**
 * Recovery codes (`RECOVERY#<trackingId>`), one item per report, written on condition of its
 * revision; redeeming a code replaces the report's token hash in the same transaction.
 */
export class DynamoAccessRecovery implements AccessRecoveryStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(trackingId: string): Promise<RecoveryRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.recovery(trackingId), ConsistentRead: true }),
    );
    return Item ? stripStorage<RecoveryRecord>(Item) : undefined;
  }

  async save(next: RecoveryRecord): Promise<"saved" | "conflict"> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, ...this.put(next) }));
      return "saved";
    } catch (error) {
      if (isConditionFailed(error)) return "conflict";
      throw error;
    }
  }

  async redeem(next: RecoveryRecord, oldHash: string, newHash: string): Promise<"saved" | "conflict"> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, ...this.put(next) } },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.report(next.trackingId),
                UpdateExpression: "SET #hash = :new",
                ConditionExpression: "#hash = :old",
                ExpressionAttributeNames: { "#hash": "accessTokenHash" },
                ExpressionAttributeValues: { ":new": newHash, ":old": oldHash },
              },
            },
          ],
        }),
      );
      return "saved";
    } catch (error) {
      if (isTransactionCancelled(error)) return "conflict";
      throw error;
    }
  }

  private put(next: RecoveryRecord) {
    const last = Math.max(
      0,
      ...next.sent.map((at) => Date.parse(at)),
      ...next.attempts.map((at) => Date.parse(at)),
    );
    return {
      Item: {
        ...keys.recovery(next.trackingId),
        entity: "recovery",
        ...next,
        // Nothing in it matters a day after the last code or attempt.
        [TTL]: Math.ceil((last + CODE_LIFETIME_MS) / 1000),
      },
      ConditionExpression: next.revision === 1 ? `attribute_not_exists(${PK})` : "#revision = :previous",
      ...(next.revision > 1 && {
        ExpressionAttributeNames: { "#revision": "revision" },
        ExpressionAttributeValues: { ":previous": next.revision - 1 },
      }),
    };
  }
}
