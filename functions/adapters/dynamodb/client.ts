import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * The document client every repository shares. The endpoint comes from the SDK's own
 * AWS_ENDPOINT_URL_DYNAMODB when running against DynamoDB Local.
 */
export function createDocumentClient(
  client: DynamoDBClient = new DynamoDBClient({}),
): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** True when a TransactWrite was cancelled and the reason at `index` is a failed condition. */
export function conditionFailedAt(error: unknown, index: number): boolean {
  if (!(error instanceof Error) || error.name !== "TransactionCanceledException") return false;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons[index]?.Code === "ConditionalCheckFailed";
}

export function isTransactionCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === "TransactionCanceledException";
}

export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}
