import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { type Contributions, type Counters, LIVE, parseCounterKey } from "../../domain/figures";
import type { FiguresLedger, FiguresStore } from "../../use-cases/ports";
import { isTransactionCancelled } from "./client";
import { keys, PK, SK, stripStorage } from "./keys";

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];
type Capacity = { CapacityUnits?: number } | undefined;

/** DynamoDB's limit of items in one transaction. */
const MAX_TRANSACTION_ITEMS = 100;
const MAX_BATCH_GET = 100;
const COUNTER_ATTRIBUTES = new Set(["agencyId", "period", "entity"]);

export class DynamoFiguresStore implements FiguresStore {
  readonly consumed = { readUnits: 0, writeUnits: 0, transactionItems: 0 };

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async ledger(trackingId: string): Promise<FiguresLedger | undefined> {
    const { Item, ConsumedCapacity } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.figuresLedger(trackingId),
        ConsistentRead: true,
        ReturnConsumedCapacity: "TOTAL",
      }),
    );
    this.read(ConsumedCapacity);
    return Item ? stripStorage<FiguresLedger>(Item) : undefined;
  }

  async apply(next: FiguresLedger, delta: Contributions): Promise<"saved" | "conflict"> {
    const counters = Object.entries(delta).map(([key, change]) => this.counterUpdate(key, change));
    if (counters.length + 1 > MAX_TRANSACTION_ITEMS)
      throw new Error(`figures of ${next.trackingId} touch ${counters.length} counters, over the limit`);
    const ledger: TransactItem = {
      Put: {
        TableName: this.tableName,
        Item: { ...keys.figuresLedger(next.trackingId), entity: "figures-ledger", ...next },
        ...(next.revision === 1
          ? { ConditionExpression: `attribute_not_exists(${PK})` }
          : {
              ConditionExpression: "#revision = :previous",
              ExpressionAttributeNames: { "#revision": "revision" },
              ExpressionAttributeValues: { ":previous": next.revision - 1 },
            }),
      },
    };
    try {
      const result = await this.doc.send(
        new TransactWriteCommand({ TransactItems: [ledger, ...counters], ReturnConsumedCapacity: "TOTAL" }),
      );
      for (const capacity of result.ConsumedCapacity ?? []) this.write(capacity);
      this.consumed.transactionItems += counters.length + 1;
      return "saved";
    } catch (error) {
      // A failed ledger condition (someone applied first) or a concurrent transaction on one of the
      // same counters (TransactionConflict): nothing was written; the caller reads and retries.
      if (isTransactionCancelled(error)) return "conflict";
      if (error instanceof Error && error.name === "TransactionConflictException") return "conflict";
      throw error;
    }
  }

  async adjust(delta: Contributions): Promise<void> {
    for (const [key, change] of Object.entries(delta)) {
      const { Update } = this.counterUpdate(key, change);
      const result = await this.doc.send(
        new UpdateCommand({ ...(Update as NonNullable<typeof Update>), ReturnConsumedCapacity: "TOTAL" }),
      );
      this.write(result.ConsumedCapacity);
    }
  }

  async months(
    agencyIds: readonly string[],
    from: string,
    to: string,
  ): Promise<Map<string, Map<string, Counters>>> {
    const entries = await Promise.all(
      agencyIds.map(async (agencyId) => {
        const months = new Map<string, Counters>();
        const pages = paginateQuery(
          { client: this.doc },
          {
            TableName: this.tableName,
            KeyConditionExpression: "#pk = :pk AND #sk BETWEEN :from AND :to",
            ExpressionAttributeNames: { "#pk": PK, "#sk": SK },
            ExpressionAttributeValues: {
              ":pk": keys.statsPartition(agencyId),
              ":from": keys.statsMonth(from),
              ":to": keys.statsMonth(to),
            },
            ReturnConsumedCapacity: "TOTAL",
          },
        );
        for await (const page of pages) {
          this.read(page.ConsumedCapacity);
          for (const item of page.Items ?? []) months.set(String(item.period), countersOf(item));
        }
        return [agencyId, months] as const;
      }),
    );
    return new Map(entries);
  }

  async live(agencyIds: readonly string[]): Promise<Map<string, Counters>> {
    const live = new Map<string, Counters>();
    for (let start = 0; start < agencyIds.length; start += MAX_BATCH_GET) {
      let requested = agencyIds.slice(start, start + MAX_BATCH_GET).map((id) => keys.stats(id, LIVE));
      for (let attempt = 0; requested.length > 0; attempt++) {
        if (attempt > 8) throw new Error(`${requested.length} live counters still unread after retries`);
        if (attempt > 0) await new Promise((wake) => setTimeout(wake, 50 * 2 ** attempt));
        const result = await this.doc.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: requested } },
            ReturnConsumedCapacity: "TOTAL",
          }),
        );
        for (const capacity of result.ConsumedCapacity ?? []) this.read(capacity);
        for (const item of result.Responses?.[this.tableName] ?? [])
          live.set(String(item.agencyId), countersOf(item));
        requested = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as typeof requested;
      }
    }
    return live;
  }

  /** `ADD` of each changed field to one counter item, which is created on first use. */
  private counterUpdate(key: string, change: Counters): TransactItem {
    const { agencyId, period } = parseCounterKey(key);
    const fields = Object.entries(change).filter(([, value]) => value !== 0 && value !== undefined);
    const names: Record<string, string> = { "#entity": "entity", "#agency": "agencyId", "#period": "period" };
    const values: Record<string, unknown> = {
      ":entity": period === LIVE ? "figures-live" : "figures-month",
      ":agency": agencyId,
      ":period": period,
    };
    fields.forEach(([field, value], i) => {
      names[`#f${i}`] = field;
      values[`:v${i}`] = value;
    });
    const additions = fields.map((_, i) => `#f${i} :v${i}`).join(", ");
    return {
      Update: {
        TableName: this.tableName,
        Key: keys.stats(agencyId, period),
        UpdateExpression: `SET #entity = :entity, #agency = :agency, #period = :period${additions ? ` ADD ${additions}` : ""}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  private read(capacity: Capacity): void {
    this.consumed.readUnits += capacity?.CapacityUnits ?? 0;
  }

  private write(capacity: Capacity): void {
    this.consumed.writeUnits += capacity?.CapacityUnits ?? 0;
  }
}

function countersOf(item: Record<string, unknown>): Counters {
  const counters: Counters = {};
  for (const [name, value] of Object.entries(item)) {
    if (name === PK || name === SK || COUNTER_ATTRIBUTES.has(name)) continue;
    if (typeof value === "number") counters[name] = value;
  }
  return counters;
}
