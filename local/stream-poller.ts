/**
 * The local stand-in for a Lambda DynamoDB stream event source mapping: reads every shard of the
 * table's stream on DynamoDB Local, keeps the records the mapping's filter keeps (new images of the
 * STREAM_ENTITIES), hands them in order to the reader's handler as the DynamoDBStreamEvent Lambda
 * would build, and honours `batchItemFailures` by retrying from the failed record.
 *
 * As in AWS: a failed batch is retried (here after a second) up to `retryAttempts` times, then its
 * position is logged as the failure destination would record it and the reader moves on. The
 * position reached in each shard is kept in `checkpointFile`, so a restart of `npm start` resumes
 * where it stopped instead of replaying the stream (a replay would be harmless, only slower).
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from "@aws-sdk/client-dynamodb-streams";
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { STREAM_ENTITIES } from "../functions/manifests/jobs";
import { messageOf, type Poller, pollerHandle, sleep } from "./poller";

export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse | undefined>;

export interface StreamPollerOptions {
  readonly client: DynamoDBStreamsClient;
  readonly streamArn: string;
  readonly region: string;
  /** The event source mapping's batch size (JOBS). */
  readonly batchSize: number;
  readonly handler: () => Promise<StreamHandler>;
  readonly context: () => Context;
  /** Where the position in each shard is kept between runs. @default none (start at the horizon) */
  readonly checkpointFile?: string;
  /** @default 10, as the CDK's STREAM_RETRY_ATTEMPTS */
  readonly retryAttempts?: number;
  /** @default 250 */
  readonly idleMs?: number;
  readonly log: (line: string) => void;
}

export type StreamPoller = Poller;

interface Checkpoints {
  readonly streamArn: string;
  /** Shard id → sequence number of the last record handled (or skipped by the filter). */
  readonly shards: Record<string, string>;
  /** Shards read to their end. */
  readonly closed: string[];
}

export function startStreamPoller(opts: StreamPollerOptions): StreamPoller {
  const abort = new AbortController();
  let busy = true;
  let activity = 0;
  const retryAttempts = opts.retryAttempts ?? 10;
  const idleMs = opts.idleMs ?? 250;
  let checkpoints: Checkpoints = { streamArn: opts.streamArn, shards: {}, closed: [] };
  const iterators = new Map<string, string>();

  async function loadCheckpoints(): Promise<void> {
    if (!opts.checkpointFile) return;
    try {
      const saved = JSON.parse(await readFile(opts.checkpointFile, "utf8")) as Checkpoints;
      // A new stream (the table was re-created): its positions start over.
      if (saved.streamArn === opts.streamArn) checkpoints = saved;
    } catch {
      // No checkpoint yet.
    }
  }

  async function saveCheckpoints(): Promise<void> {
    if (!opts.checkpointFile) return;
    const temporary = `${opts.checkpointFile}.tmp`;
    await writeFile(temporary, JSON.stringify(checkpoints));
    await rename(temporary, opts.checkpointFile);
  }

  async function iteratorOf(shardId: string): Promise<string | undefined> {
    const cached = iterators.get(shardId);
    if (cached) return cached;
    const after = checkpoints.shards[shardId];
    const { ShardIterator } = await opts.client.send(
      new GetShardIteratorCommand({
        StreamArn: opts.streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: after }
          : { ShardIteratorType: "TRIM_HORIZON" }),
      }),
    );
    return ShardIterator;
  }

  /** Reads one batch of a shard and hands it over; true when records were found. */
  async function pollShard(shardId: string): Promise<boolean> {
    const iterator = await iteratorOf(shardId);
    if (!iterator) {
      checkpoints.closed.push(shardId);
      return false;
    }
    const { Records = [], NextShardIterator } = await opts.client.send(
      new GetRecordsCommand({ ShardIterator: iterator, Limit: opts.batchSize }),
    );
    if (Records.length > 0) {
      activity++;
      const kept = Records.filter(keptByFilter);
      if (kept.length > 0) await deliver(kept);
      checkpoints = {
        ...checkpoints,
        shards: { ...checkpoints.shards, [shardId]: String(Records.at(-1)?.dynamodb?.SequenceNumber) },
      };
      await saveCheckpoints();
      activity++;
    }
    if (NextShardIterator) iterators.set(shardId, NextShardIterator);
    else {
      iterators.delete(shardId);
      checkpoints.closed.push(shardId);
      await saveCheckpoints();
    }
    return Records.length > 0;
  }

  /** Hands the records over, retrying from a reported failure, as the event source mapping does. */
  async function deliver(records: readonly StreamRecord[]): Promise<void> {
    let pending = records.map(toLambdaRecord);
    for (let attempt = 0; pending.length > 0; attempt++) {
      let failedAt: string | undefined;
      try {
        const handler = await opts.handler();
        const response = await handler({ Records: pending }, opts.context());
        failedAt = response?.batchItemFailures?.[0]?.itemIdentifier;
      } catch (error) {
        failedAt = pending[0]?.dynamodb?.SequenceNumber;
        opts.log(`stream reader failed: ${messageOf(error)}`);
      }
      if (failedAt === undefined) return;
      const from = pending.findIndex((record) => record.dynamodb?.SequenceNumber === failedAt);
      pending = pending.slice(Math.max(from, 0));
      if (attempt >= retryAttempts) {
        opts.log(
          `stream batch from ${failedAt} (${pending.length} records) failed ${attempt + 1} times; ` +
            "skipped, as the failure destination would record it: run `npm run stats:rebuild` to recover",
        );
        return;
      }
      await sleep(1000, abort.signal);
      if (abort.signal.aborted) return;
    }
  }

  async function loop(): Promise<void> {
    await loadCheckpoints();
    while (!abort.signal.aborted) {
      let found = false;
      try {
        const { StreamDescription } = await opts.client.send(
          new DescribeStreamCommand({ StreamArn: opts.streamArn }),
        );
        for (const shard of StreamDescription?.Shards ?? []) {
          const shardId = shard.ShardId as string;
          if (checkpoints.closed.includes(shardId)) continue;
          // A child shard is read once its parent is done, to keep each item's records in order.
          const parent = shard.ParentShardId;
          if (
            parent &&
            !checkpoints.closed.includes(parent) &&
            StreamDescription?.Shards?.some((s) => s.ShardId === parent)
          )
            continue;
          if (await pollShard(shardId)) found = true;
        }
      } catch (error) {
        if (abort.signal.aborted) return;
        iterators.clear(); // expired or trimmed: start again from the checkpoints
        opts.log(`stream poller: ${messageOf(error)}; retrying`);
        await sleep(1000, abort.signal);
        continue;
      }
      busy = found;
      if (!found) await sleep(idleMs, abort.signal);
    }
  }

  return pollerHandle(() => ({ busy, activity }), abort, loop());

  function toLambdaRecord(record: StreamRecord): DynamoDBRecord {
    const change = record.dynamodb;
    return {
      eventID: record.eventID,
      eventName: record.eventName,
      eventVersion: "1.1",
      eventSource: "aws:dynamodb",
      awsRegion: opts.region,
      eventSourceARN: opts.streamArn,
      dynamodb: {
        ...(change?.Keys && { Keys: change.Keys as never }),
        ...(change?.NewImage && { NewImage: change.NewImage as never }),
        SequenceNumber: change?.SequenceNumber,
        SizeBytes: change?.SizeBytes,
        StreamViewType: change?.StreamViewType,
        ApproximateCreationDateTime: change?.ApproximateCreationDateTime
          ? Math.floor(change.ApproximateCreationDateTime.getTime() / 1000)
          : undefined,
      },
    };
  }
}

/** The event source mapping's filter: new images of the streamed entities only. */
function keptByFilter(record: StreamRecord): boolean {
  const entity = record.dynamodb?.NewImage?.entity?.S;
  return entity !== undefined && (STREAM_ENTITIES as readonly string[]).includes(entity);
}
