import {
  type DynamoDBDocumentClient,
  PutCommand,
  paginateQuery,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { type Agency, type Category, Directory, type DirectoryData } from "../../domain/directory";
import type { DirectoryRepository, ReindexJob } from "../../use-cases/ports";
import { batchPutAll, conditionFailedAt, isConditionFailed } from "./client";
import { keys, PK, SK, SK_PREFIX, stripStorage } from "./keys";

export class DynamoDirectoryRepository implements DirectoryRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async load(): Promise<Directory> {
    const agencies: Agency[] = [];
    const categories: Category[] = [];
    const pages = paginateQuery(
      { client: this.doc },
      {
        TableName: this.tableName,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": PK },
        ExpressionAttributeValues: { ":pk": keys.directoryPartition },
        // A move must be seen by the next load (jobs load fresh after one); the directory is small.
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const sk = String(item[SK]);
        if (sk.startsWith(SK_PREFIX.agency)) agencies.push(stripStorage<Agency>(item));
        else if (sk.startsWith(SK_PREFIX.category)) categories.push(stripStorage<Category>(item));
      }
    }
    return new Directory({ agencies, categories });
  }

  async save(data: DirectoryData): Promise<number> {
    const items = [
      ...data.agencies.map((a) => ({ ...keys.agency(a.id), entity: "agency", ...a })),
      ...data.categories.map((c) => ({ ...keys.category(c.code), entity: "category", ...c })),
    ];
    await batchPutAll(this.doc, this.tableName, items);
    return items.length;
  }

  async putAgency(agency: Agency, mode: "create" | "update"): Promise<"saved" | "exists" | "missing"> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.agency(agency.id), entity: "agency", ...agency },
          ConditionExpression: mode === "create" ? `attribute_not_exists(${PK})` : `attribute_exists(${PK})`,
        }),
      );
      return "saved";
    } catch (error) {
      if (isConditionFailed(error)) return mode === "create" ? "exists" : "missing";
      throw error;
    }
  }

  async moveAgency(agency: Agency, job: ReindexJob): Promise<"saved" | "missing"> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.agency(agency.id), entity: "agency", ...agency },
                ConditionExpression: `attribute_exists(${PK})`,
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...keys.reindexJob(agency.id), entity: "reindex-job", ...job },
              },
            },
          ],
        }),
      );
      return "saved";
    } catch (error) {
      if (conditionFailedAt(error, 0)) return "missing";
      throw error;
    }
  }
}

/**
 * The directory changes rarely and is read on every intake: keep it for a short while per
 * container. A save through this instance invalidates at once; other containers see it within
 * `ttlMs`.
 */
export class CachedDirectoryRepository implements DirectoryRepository {
  private cached: { directory: Directory; loadedAt: number } | undefined;
  private loading: Promise<Directory> | undefined;

  constructor(
    private readonly inner: DirectoryRepository,
    private readonly ttlMs = 60_000,
  ) {}

  async load(options: { readonly fresh?: boolean } = {}): Promise<Directory> {
    const now = performance.now();
    if (options.fresh) this.cached = undefined;
    if (this.cached && now - this.cached.loadedAt < this.ttlMs) return this.cached.directory;
    this.loading ??= this.inner
      .load()
      .then((directory) => {
        this.cached = { directory, loadedAt: performance.now() };
        return directory;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  async save(data: DirectoryData): Promise<number> {
    const written = await this.inner.save(data);
    this.cached = undefined;
    return written;
  }

  async putAgency(agency: Agency, mode: "create" | "update"): Promise<"saved" | "exists" | "missing"> {
    const outcome = await this.inner.putAgency(agency, mode);
    this.cached = undefined;
    return outcome;
  }

  async moveAgency(agency: Agency, job: ReindexJob): Promise<"saved" | "missing"> {
    const outcome = await this.inner.moveAgency(agency, job);
    this.cached = undefined;
    return outcome;
  }
}
