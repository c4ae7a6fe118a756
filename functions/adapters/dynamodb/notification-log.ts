import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { NotificationLog } from "../../use-cases/ports";
import { isConditionFailed } from "./client";
import { keys, PK, TTL } from "./keys";

/** Done markers of delivered notifications (`NOTICE#<id>`), kept 90 days. */
export class DynamoNotificationLog implements NotificationLog {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async isDone(id: string): Promise<boolean> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.notice(id), ConsistentRead: true }),
    );
    return Item !== undefined;
  }

  async markDone(id: string, at: Date): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.notice(id),
            entity: "notice",
            at: at.toISOString(),
            [TTL]: Math.floor(at.getTime() / 1000) + 90 * 86_400,
          },
          ConditionExpression: `attribute_not_exists(${PK})`,
        }),
      );
    } catch (error) {
      // Marked by a twin delivery already: the same fact.
      if (!isConditionFailed(error)) throw error;
    }
  }
}
