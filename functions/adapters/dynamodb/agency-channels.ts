import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { DELIVERY_LOG_DAYS, type Webhook, type WebhookDelivery } from "../../domain/webhooks";
import type { AgencyChannels } from "../../use-cases/ports";
import { conditionFailedAt, putWithinLimit } from "./client";
import { keys, PK, SK, stripStorage, TTL } from "./keys";

const WEBHOOK_PREFIX = "WEBHOOK#";

/**
 * An agency's contact e-mails and webhooks in one partition (`NOTIFY#<agencyId>`): the notifier
 * reads both with one Query. The SETTINGS item counts webhooks, so that registrations racing each
 * other cannot pass the limit. The delivery log lives in its own partition, so that the notifier's
 * Query never reads it.
 */
export class DynamoAgencyChannels implements AgencyChannels {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async load(agencyId: string): Promise<{ contacts: string[]; webhooks: Webhook[] }> {
    const { Items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: "#pk = :pk",
        ExpressionAttributeNames: { "#pk": PK },
        ExpressionAttributeValues: { ":pk": keys.channelsPartition(agencyId) },
        ConsistentRead: true,
      }),
    );
    let contacts: string[] = [];
    const webhooks: Webhook[] = [];
    for (const item of Items) {
      const sk = String(item[SK]);
      if (sk === keys.channelSettings(agencyId).sk) contacts = (item.contacts as string[] | undefined) ?? [];
      else if (sk.startsWith(WEBHOOK_PREFIX)) webhooks.push(stripStorage<Webhook>(item));
    }
    return { contacts, webhooks };
  }

  async setContacts(agencyId: string, emails: readonly string[]): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.channelSettings(agencyId),
        UpdateExpression: "SET #contacts = :contacts, #entity = :entity",
        ExpressionAttributeNames: { "#contacts": "contacts", "#entity": "entity" },
        ExpressionAttributeValues: { ":contacts": [...emails], ":entity": "agency-channels" },
      }),
    );
  }

  async addWebhook(webhook: Webhook, max: number): Promise<"saved" | "limit"> {
    return putWithinLimit(this.doc, this.tableName, {
      counter: keys.channelSettings(webhook.agencyId),
      attribute: "webhookCount",
      counterEntity: "agency-channels",
      max,
      item: { ...keys.webhook(webhook.agencyId, webhook.id), entity: "webhook", ...webhook },
    });
  }

  async getWebhook(agencyId: string, webhookId: string): Promise<Webhook | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.webhook(agencyId, webhookId),
        ConsistentRead: true,
      }),
    );
    return Item ? stripStorage<Webhook>(Item) : undefined;
  }

  async removeWebhook(agencyId: string, webhookId: string): Promise<"removed" | "missing"> {
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.tableName,
                Key: keys.webhook(agencyId, webhookId),
                ConditionExpression: `attribute_exists(${PK})`,
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: keys.channelSettings(agencyId),
                UpdateExpression: "ADD #count :minusOne",
                ExpressionAttributeNames: { "#count": "webhookCount" },
                ExpressionAttributeValues: { ":minusOne": -1 },
              },
            },
          ],
        }),
      );
      return "removed";
    } catch (error) {
      if (conditionFailedAt(error, 0)) return "missing";
      throw error;
    }
  }

  async logDelivery(agencyId: string, delivery: WebhookDelivery): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.delivery(agencyId, delivery.at, delivery.deliveryId, delivery.attempt),
          entity: "webhook-delivery",
          ...delivery,
          [TTL]: Math.floor(Date.parse(delivery.at) / 1000) + DELIVERY_LOG_DAYS * 86_400,
        },
      }),
    );
  }

  async deliveries(
    agencyId: string,
    options: { readonly webhookId?: string; readonly limit: number },
  ): Promise<WebhookDelivery[]> {
    const out: WebhookDelivery[] = [];
    let start: Record<string, unknown> | undefined;
    // A filter on the webhook may leave a page short: read on until the limit or the partition's end.
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "#pk = :pk",
          ExpressionAttributeNames: { "#pk": PK, ...(options.webhookId && { "#webhook": "webhookId" }) },
          ExpressionAttributeValues: {
            ":pk": keys.deliveriesPartition(agencyId),
            ...(options.webhookId && { ":webhook": options.webhookId }),
          },
          ...(options.webhookId && { FilterExpression: "#webhook = :webhook" }),
          ScanIndexForward: false,
          Limit: options.limit,
          ...(start && { ExclusiveStartKey: start }),
        }),
      );
      for (const item of page.Items ?? []) {
        if (out.length < options.limit) out.push(stripStorage<WebhookDelivery>(item));
      }
      start = page.LastEvaluatedKey;
    } while (start && out.length < options.limit);
    return out;
  }
}
