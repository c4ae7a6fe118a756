/**
 * Creates Aduan's single table from TABLE_DESIGN, the same description the CDK stateful stack
 * reads, so a laptop's table and the AWS table cannot drift.
 *
 * `ensureTable` is idempotent and also migrates persisted local data (.aduan/dynamodb) written by
 * an older version: indexes added to TABLE_DESIGN since are created, and indexes whose keys or
 * projection changed are rebuilt (DynamoDB cannot alter an index in place). Indexes that are no
 * longer in the design are left alone: harmless locally, and deleting data is never automatic.
 */
import {
  type AttributeDefinition,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type GlobalSecondaryIndexDescription,
  type Projection,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from "@aws-sdk/client-dynamodb";
import { type IndexDesign, TABLE_DESIGN } from "../functions/manifests/table-design";

const MAX_WAIT_SECONDS = 60;

/** The table's stream, as the stateful stack declares it (NEW_IMAGE: the router reads new images). */
const STREAM = { StreamEnabled: true, StreamViewType: TABLE_DESIGN.streamView };

/** The ARN of the table's current stream. */
export async function streamArnOf(client: DynamoDBClient, tableName: string): Promise<string> {
  const arn = (await describe(client, tableName))?.LatestStreamArn;
  if (!arn) throw new Error(`Table ${tableName} has no stream`);
  return arn;
}

/**
 * Creates or migrates the table; `streamAdded` when data written before the table had a stream was
 * found (its reports are in no figures yet: `npm run stats:rebuild` counts them).
 */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<{ readonly streamAdded: boolean }> {
  const table = await describe(client, tableName);
  let streamAdded = false;
  if (!table) {
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: "PAY_PER_REQUEST",
          AttributeDefinitions: attributeDefinitions(),
          KeySchema: keySchema(TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey),
          GlobalSecondaryIndexes: Object.entries(TABLE_DESIGN.indexes).map(([name, design]) =>
            globalSecondaryIndex(name, design),
          ),
          StreamSpecification: STREAM,
        }),
      );
    } catch (error) {
      // Another process (a parallel test, a second `npm start`) created it first: fine.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await waitUntilTableExists({ client, maxWaitTime: MAX_WAIT_SECONDS }, { TableName: tableName });
  } else {
    await migrateIndexes(client, tableName, table);
    // Data written before the table had a stream: turn it on (the figures rebuild covers the past).
    if (!table.StreamSpecification?.StreamEnabled) {
      await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: STREAM }));
      streamAdded = true;
    }
  }
  await enableTtl(client, tableName);
  return { streamAdded };
}

export async function dropTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return;
    throw error;
  }
  await waitUntilTableNotExists({ client, maxWaitTime: MAX_WAIT_SECONDS }, { TableName: tableName });
}

/** One index change per UpdateTable call: DynamoDB refuses more than one index creation at once. */
async function migrateIndexes(client: DynamoDBClient, tableName: string, table: TableDescription) {
  const existing = new Map((table.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]));
  for (const [name, design] of Object.entries(TABLE_DESIGN.indexes)) {
    const current = existing.get(name);
    const deleting = current?.IndexStatus === "DELETING";
    if (current && !deleting && matchesDesign(current, design)) continue;
    if (current) {
      if (!deleting) {
        await client.send(
          new UpdateTableCommand({
            TableName: tableName,
            GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: name } }],
          }),
        );
      }
      await waitForIndex(client, tableName, name, "gone");
    }
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions(),
        GlobalSecondaryIndexUpdates: [{ Create: globalSecondaryIndex(name, design) }],
      }),
    );
    await waitForIndex(client, tableName, name, "active");
  }
}

async function waitForIndex(
  client: DynamoDBClient,
  tableName: string,
  indexName: string,
  goal: "active" | "gone",
) {
  const deadline = Date.now() + MAX_WAIT_SECONDS * 1000;
  for (;;) {
    const index = (await describe(client, tableName))?.GlobalSecondaryIndexes?.find(
      (i) => i.IndexName === indexName,
    );
    if (goal === "gone" ? !index : index?.IndexStatus === "ACTIVE") return;
    if (Date.now() > deadline) {
      throw new Error(`Index ${indexName} of table ${tableName} is not ${goal} after ${MAX_WAIT_SECONDS} s`);
    }
    await new Promise((wake) => setTimeout(wake, 250));
  }
}

async function enableTtl(client: DynamoDBClient, tableName: string) {
  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const status = ttl.TimeToLiveDescription?.TimeToLiveStatus;
  if (status === "ENABLED" || status === "ENABLING") return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.ttlAttribute, Enabled: true },
    }),
  );
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Every key attribute of the table and its indexes; all keys are strings in this design. */
function attributeDefinitions(): AttributeDefinition[] {
  const names = new Set<string>([TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey]);
  for (const index of Object.values(TABLE_DESIGN.indexes)) {
    names.add(index.partitionKey);
    names.add(index.sortKey);
  }
  return [...names].map((name) => ({ AttributeName: name, AttributeType: "S" }));
}

function keySchema(partitionKey: string, sortKey: string) {
  return [
    { AttributeName: partitionKey, KeyType: "HASH" as const },
    { AttributeName: sortKey, KeyType: "RANGE" as const },
  ];
}

function projection(design: IndexDesign): Projection {
  return design.projection === "ALL"
    ? { ProjectionType: "ALL" }
    : { ProjectionType: "INCLUDE", NonKeyAttributes: [...design.projection] };
}

function globalSecondaryIndex(name: string, design: IndexDesign): GlobalSecondaryIndex {
  return {
    IndexName: name,
    KeySchema: keySchema(design.partitionKey, design.sortKey),
    Projection: projection(design),
  };
}

function matchesDesign(index: GlobalSecondaryIndexDescription, design: IndexDesign): boolean {
  const keys = (index.KeySchema ?? []).map((key) => `${key.KeyType}:${key.AttributeName}`).join(",");
  const wanted = projection(design);
  const sorted = (attributes?: readonly string[]) => [...(attributes ?? [])].sort().join(",");
  return (
    keys === `HASH:${design.partitionKey},RANGE:${design.sortKey}` &&
    index.Projection?.ProjectionType === wanted.ProjectionType &&
    sorted(index.Projection?.NonKeyAttributes) === sorted(wanted.NonKeyAttributes)
  );
}
