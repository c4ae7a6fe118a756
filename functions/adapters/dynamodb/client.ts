import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, DynamoDBDocumentClient, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { TABLE_DESIGN } from "../../manifests/table-design";

/**
 * How long the store may take, well inside an HTTP function's 10 s: a connection must open within
 * a second and an answer arrive within three, and a call is tried at most three times (SDK backoff
 * between). A slow or dead store thus ends in a 503 with Retry-After (http.ts) long before Lambda
 * or API Gateway would give up with a bare 500/503.
 */
export const DYNAMODB_CLIENT_LIMITS = {
  connectionTimeoutMs: 1000,
  requestTimeoutMs: 3000,
  maxAttempts: 3,
} as const;

export function createDynamoDbClient(config: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient({
    ...config,
    maxAttempts: DYNAMODB_CLIENT_LIMITS.maxAttempts,
    requestHandler: {
      connectionTimeout: DYNAMODB_CLIENT_LIMITS.connectionTimeoutMs,
      requestTimeout: DYNAMODB_CLIENT_LIMITS.requestTimeoutMs,
    },
  });
}

/**
 * The document client every repository shares. The endpoint comes from the SDK's own
 * AWS_ENDPOINT_URL_DYNAMODB when running against DynamoDB Local.
 */
export function createDocumentClient(
  client: DynamoDBClient = createDynamoDbClient(),
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

/**
 * Writes a new item and counts it on a counter item, atomically, on condition that the counter is
 * below `max` (concurrent writers cannot pass it): `limit` when it is not. The attachments of a
 * report and the webhooks of an agency are bounded this way.
 */
export async function putWithinLimit(
  doc: DynamoDBDocumentClient,
  tableName: string,
  write: {
    readonly counter: Record<string, string>;
    /** The counter's attribute and its item's `entity`. */
    readonly attribute: string;
    readonly counterEntity: string;
    readonly max: number;
    readonly item: Record<string, unknown>;
  },
): Promise<"saved" | "limit"> {
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: write.counter,
              UpdateExpression: "SET #entity = :entity ADD #count :one",
              ConditionExpression: "attribute_not_exists(#count) OR #count < :max",
              ExpressionAttributeNames: { "#count": write.attribute, "#entity": "entity" },
              ExpressionAttributeValues: { ":one": 1, ":max": write.max, ":entity": write.counterEntity },
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: write.item,
              ConditionExpression: `attribute_not_exists(${TABLE_DESIGN.partitionKey})`,
            },
          },
        ],
      }),
    );
    return "saved";
  } catch (error) {
    if (conditionFailedAt(error, 0)) return "limit";
    throw error;
  }
}

const BATCH_SIZE = 25; // DynamoDB's limit per BatchWriteItem
const MAX_BATCH_RETRIES = 8;

/**
 * Puts every item with BatchWriteItem, 25 a request, retrying unprocessed items with exponential
 * backoff; throws if some are still unprocessed after the retries, so nothing is silently lost.
 */
export async function batchPutAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH_SIZE) {
    let requests = items.slice(start, start + BATCH_SIZE).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > MAX_BATCH_RETRIES)
        throw new Error(`${requests.length} items still unprocessed after retries`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const result = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}
