/**
 * A fresh, uniquely named table with Aduan's real design (indexes, TTL) on the run's DynamoDB
 * Local. Tests isolate by table instead of cleaning items up, so they can run in parallel.
 *
 *   const table = await createTestTable();
 *   afterAll(() => table.drop());
 */
import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, inject } from "vitest";
import { createDocumentClient } from "../../functions/adapters/dynamodb/client";
import { dropTable, ensureTable } from "../../local/create-table";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "../../local/dynamodb-local";

export interface TestTable {
  readonly tableName: string;
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  /** Deletes the table and releases the clients' sockets. */
  drop(): Promise<void>;
}

export async function createTestTable(): Promise<TestTable> {
  const endpoint = inject("dynamoDbEndpoint");
  const tableName = `test-${randomUUID()}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const doc = createDocumentClient(client); // same marshalling as the adapters
  await ensureTable(client, tableName);
  return {
    tableName,
    endpoint,
    client,
    doc,
    async drop() {
      await dropTable(client, tableName);
      client.destroy();
    },
  };
}

/**
 * A port's implementations for one contract suite (`describe.each`): the in-memory fake and the
 * DynamoDB Local adapter, each call of the latter on a fresh table dropped after the file.
 */
export function portImplementations<P>(
  inMemory: () => P | Promise<P>,
  onDynamo: (table: TestTable) => P | Promise<P>,
): [string, () => Promise<P>][] {
  const tables: TestTable[] = [];
  afterAll(async () => {
    await Promise.all(tables.map((t) => t.drop()));
  });
  return [
    ["in memory", async () => inMemory()],
    [
      "DynamoDB Local",
      async () => {
        const table = await createTestTable();
        tables.push(table);
        return onDynamo(table);
      },
    ],
  ];
}
