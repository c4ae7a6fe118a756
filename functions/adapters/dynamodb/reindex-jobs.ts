import { type DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { ReindexJob, ReindexJobs } from "../../use-cases/ports";
import { isConditionFailed } from "./client";
import { keys, stripStorage } from "./keys";

export class DynamoReindexJobs implements ReindexJobs {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(agencyId: string): Promise<ReindexJob | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.reindexJob(agencyId), ConsistentRead: true }),
    );
    return Item ? stripStorage<ReindexJob>(Item) : undefined;
  }

  async advance(next: ReindexJob): Promise<"saved" | "stale"> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.reindexJob(next.agencyId), entity: "reindex-job", ...next },
          // The same job, one step further: a redelivered page never counts twice, and an older
          // job's late message never overwrites a newer move's record.
          ConditionExpression: "jobId = :job AND step = :previous",
          ExpressionAttributeValues: { ":job": next.jobId, ":previous": next.step - 1 },
        }),
      );
      return "saved";
    } catch (error) {
      if (isConditionFailed(error)) return "stale";
      throw error;
    }
  }
}
