import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { ExportRecord, ExportStatus } from "../../domain/exports";
import type { ExportJobs } from "../../use-cases/ports";
import { isConditionFailed } from "./client";
import { keys, PK, stripStorage, TTL } from "./keys";

export class DynamoExportJobs implements ExportJobs {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: ExportRecord): Promise<"saved" | "exists"> {
    return this.put(record, { ConditionExpression: `attribute_not_exists(${PK})` }, "exists");
  }

  async get(exportId: string): Promise<ExportRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.exportJob(exportId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return { ...stripStorage<Omit<ExportRecord, "expiresAt">>(Item), expiresAt: Number(Item[TTL]) };
  }

  async advance(next: ExportRecord, from: readonly ExportStatus[]): Promise<"saved" | "stale"> {
    const values = Object.fromEntries(from.map((status, i) => [`:s${i}`, status]));
    return this.put(
      next,
      {
        ConditionExpression: `#status IN (${Object.keys(values).join(", ")})`,
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: values,
      },
      "stale",
    );
  }

  private async put<F extends string>(
    record: ExportRecord,
    condition: Record<string, unknown>,
    failed: F,
  ): Promise<"saved" | F> {
    const { expiresAt, ...rest } = record;
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.exportJob(record.exportId), entity: "export", ...rest, [TTL]: expiresAt },
          ...condition,
        }),
      );
      return "saved";
    } catch (error) {
      if (isConditionFailed(error)) return failed;
      throw error;
    }
  }
}
