import { type DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { TABLE_DESIGN } from "../../manifests/table-design";
import type { DueIndex, DuePage } from "../../use-cases/ports";
import { duePartition, dueUntil, PK, trackingIdOfPartition } from "./keys";

const PAGE_SIZE = 500;

/** Reads the sparse, sharded byDueDate index: only reports with an action due are ever read. */
export class DynamoDueIndex implements DueIndex {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async due(shard: number, now: Date, cursor?: Record<string, unknown>): Promise<DuePage> {
    const index = TABLE_DESIGN.indexes.byDueDate;
    const result = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: "byDueDate",
        KeyConditionExpression: "#p = :p AND #s <= :until",
        ExpressionAttributeNames: { "#p": index.partitionKey, "#s": index.sortKey },
        ExpressionAttributeValues: { ":p": duePartition(shard), ":until": dueUntil(now) },
        Limit: PAGE_SIZE,
        ReturnConsumedCapacity: "TOTAL",
        ...(cursor && { ExclusiveStartKey: cursor }),
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => ({
        trackingId: trackingIdOfPartition(String(item[PK])),
        action: String(item.dueAction),
        dueAt: String(item[index.sortKey]).split("#")[0] ?? "",
      })),
      consumedReadUnits: result.ConsumedCapacity?.CapacityUnits ?? 0,
      ...(result.LastEvaluatedKey && { cursor: result.LastEvaluatedKey }),
    };
  }
}
