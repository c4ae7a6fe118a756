import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { API_KEY_CACHE_MS, type ApiKey, agencyOfKeyId } from "../../domain/api-keys";
import type { ApiKeys } from "../../use-cases/ports";
import { isConditionFailed } from "./client";
import { keys, PK, stripStorage, TTL } from "./keys";

/**
 * API keys under their agency (`APIKEYS#<agencyId>`), read by id with one GetItem and kept in this
 * container for API_KEY_CACHE_MS (so a revocation shows everywhere within it); uses counted per
 * key and minute with one conditional UpdateItem.
 */
export class DynamoApiKeys implements ApiKeys {
  private readonly cache = new Map<string, { readonly key: ApiKey | undefined; readonly at: number }>();

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => number = Date.now,
  ) {}

  async create(key: ApiKey): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.apiKey(key.agencyId, key.id), entity: "api-key", ...key },
        ConditionExpression: `attribute_not_exists(${PK})`,
      }),
    );
  }

  async get(id: string): Promise<ApiKey | undefined> {
    const cached = this.cache.get(id);
    if (cached && this.now() - cached.at < API_KEY_CACHE_MS) return cached.key;
    const agencyId = agencyOfKeyId(id);
    if (agencyId === undefined) return undefined;
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.apiKey(agencyId, id), ConsistentRead: true }),
    );
    const key = Item ? stripStorage<ApiKey>(Item) : undefined;
    this.cache.set(id, { key, at: this.now() });
    return key;
  }

  async list(agencyId: string): Promise<ApiKey[]> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": PK },
        ExpressionAttributeValues: { ":pk": keys.apiKeysPartition(agencyId) },
      }),
    );
    return Items.map((item) => stripStorage<ApiKey>(item));
  }

  async revoke(id: string, at: Date): Promise<"revoked" | "missing"> {
    const agencyId = agencyOfKeyId(id);
    if (agencyId === undefined) return "missing";
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.apiKey(agencyId, id),
          UpdateExpression: "SET #revokedAt = if_not_exists(#revokedAt, :at)",
          ConditionExpression: `attribute_exists(${PK})`,
          ExpressionAttributeNames: { "#revokedAt": "revokedAt" },
          ExpressionAttributeValues: { ":at": at.toISOString() },
        }),
      );
      this.cache.delete(id);
      return "revoked";
    } catch (error) {
      if (isConditionFailed(error)) return "missing";
      throw error;
    }
  }

  async use(key: ApiKey, window: string, limit: number, at: Date): Promise<"allowed" | "limited"> {
    let count: number;
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.apiKeyUse(key.id, window),
          UpdateExpression: "SET #entity = :entity, #ttl = :ttl ADD #uses :one",
          ConditionExpression: "attribute_not_exists(#uses) OR #uses < :limit",
          ExpressionAttributeNames: { "#uses": "uses", "#entity": "entity", "#ttl": TTL },
          ExpressionAttributeValues: {
            ":one": 1,
            ":limit": limit,
            ":entity": "api-key-use",
            ":ttl": Math.floor(at.getTime() / 1000) + 120,
          },
          ReturnValues: "UPDATED_NEW",
        }),
      );
      count = Number(Attributes?.uses ?? 1);
    } catch (error) {
      if (isConditionFailed(error)) return "limited";
      throw error;
    }
    if (count === 1)
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.apiKey(key.agencyId, key.id),
          UpdateExpression: "SET #lastUsedAt = :at",
          ConditionExpression: `attribute_exists(${PK})`,
          ExpressionAttributeNames: { "#lastUsedAt": "lastUsedAt" },
          ExpressionAttributeValues: { ":at": `${window}:00.000Z` },
        }),
      );
    return "allowed";
  }
}
