/**
 * The local SQS: fauxqs (an in-process SQS-compatible server) on 127.0.0.1, with every queue of
 * QUEUES created as the stateful stack creates it — a dead-letter queue per work queue, a redrive
 * policy with the same maxReceiveCount, the same visibility timeout.
 *
 * fauxqs' own startFauxqs() listens on 0.0.0.0, so we build its app and bind it to loopback
 * ourselves. Its queue URLs use `sqs.<region>.localhost`, which does not resolve here: every client
 * must send to the endpoint, not the URL (`useQueueUrlAsEndpoint: false`, as the adapter does).
 *
 * fauxqs keeps queues in memory; with `persistFile`, every message is also written to that file
 * before SQS answers a send or a delete, and loaded back at start (a message that was being handled
 * comes back visible, as it would after its visibility timeout). So, as in AWS, a message the
 * sender was told about survives a crash of the whole process: killing `npm start` between a
 * commit and its notification loses nothing.
 */

import { readFileSync, renameSync, writeFileSync } from "node:fs";
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  type QueueAttributeName,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { buildApp } from "fauxqs";
import { QUEUE_RETENTION_DAYS } from "../lib/stateful-stack";
import { LOCAL_CREDENTIALS, LOCAL_REGION } from "./dynamodb-local";

export interface LocalQueue {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly deadLetter: { readonly name: string; readonly url: string; readonly arn: string };
}

export interface QueueCounts {
  /** ApproximateNumberOfMessages: waiting to be received. */
  readonly visible: number;
  /** ApproximateNumberOfMessagesNotVisible: received, not yet deleted (being handled, or failed and waiting). */
  readonly inFlight: number;
  readonly delayed: number;
}

export interface LocalSqs {
  /** `http://127.0.0.1:<port>`, for AWS_ENDPOINT_URL_SQS. */
  readonly endpoint: string;
  /** A client for the local server (fixed fake credentials, endpoint, never the queue URL). */
  readonly client: SQSClient;
  readonly queues: ReadonlyMap<string, LocalQueue>;
  counts(url: string): Promise<QueueCounts>;
  /** Closes open connections (long polls included) and the server. */
  stop(): Promise<void>;
}

export interface LocalSqsOptions {
  /** Work queue names; each gets `<name>-dlq`. */
  readonly queueNames: readonly string[];
  /** Receives before a message moves to its DLQ (lib/stateful-stack.ts MAX_RECEIVE_COUNT). */
  readonly maxReceiveCount: number;
  /** Visibility timeout of the work queues, in seconds (lib/stateful-stack.ts). */
  readonly visibilityTimeoutSeconds: number;
  /** @default 0: a free port */
  readonly port?: number;
  /** Where messages are kept across restarts. @default none (memory only) */
  readonly persistFile?: string;
}

/** What fauxqs' store offers that persistence needs (its classes are not exported: loaded by path). */
interface FauxqsMessage {
  readonly messageId: string;
  readonly delayUntil?: number;
  [field: string]: unknown;
}
interface FauxqsQueue {
  readonly name: string;
  inspectMessages(): {
    ready: FauxqsMessage[];
    delayed: FauxqsMessage[];
    inflight: { message: FauxqsMessage }[];
  };
  enqueue(message: FauxqsMessage): void;
}
interface FauxqsStore {
  listQueues(): FauxqsQueue[];
  getQueueByName(name: string): FauxqsQueue | undefined;
}

const MUTATIONS = new Set([
  "AmazonSQS.SendMessage",
  "AmazonSQS.SendMessageBatch",
  "AmazonSQS.DeleteMessage",
  "AmazonSQS.DeleteMessageBatch",
  "AmazonSQS.PurgeQueue",
]);

async function fauxqsStore(): Promise<FauxqsStore> {
  const { SqsStore } = (await import(new URL("./sqs/sqsStore.js", import.meta.resolve("fauxqs")).href)) as {
    SqsStore: new () => FauxqsStore;
  };
  return new SqsStore();
}

function snapshot(store: FauxqsStore, file: string): void {
  const queues = Object.fromEntries(
    store.listQueues().map((queue) => {
      const { ready, delayed, inflight } = queue.inspectMessages();
      return [queue.name, [...inflight.map((entry) => entry.message), ...ready, ...delayed]];
    }),
  );
  writeFileSync(`${file}.tmp`, JSON.stringify(queues), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

function restore(store: FauxqsStore, file: string): number {
  let saved: Record<string, FauxqsMessage[]>;
  try {
    saved = JSON.parse(readFileSync(file, "utf8")) as Record<string, FauxqsMessage[]>;
  } catch {
    return 0; // none yet (or unreadable: start empty, as fauxqs would)
  }
  let count = 0;
  for (const [name, messages] of Object.entries(saved)) {
    const queue = store.getQueueByName(name);
    for (const message of queue ? messages : []) {
      queue?.enqueue(message);
      count++;
    }
  }
  return count;
}

const DAY_SECONDS = 86_400;

export async function startLocalSqs(opts: LocalSqsOptions): Promise<LocalSqs> {
  const store = await fauxqsStore();
  const app = buildApp({
    logger: false,
    defaultRegion: LOCAL_REGION,
    stores: { sqsStore: store } as unknown as NonNullable<Parameters<typeof buildApp>[0]>["stores"],
  });
  const persistFile = opts.persistFile;
  if (persistFile)
    app.addHook(
      "onSend",
      (
        request: { headers: Record<string, unknown> },
        _reply: unknown,
        payload: unknown,
        done: (error: null, payload: unknown) => void,
      ) => {
        // Before the answer leaves: a send the client saw succeed is on disk.
        if (MUTATIONS.has(String(request.headers["x-amz-target"] ?? ""))) snapshot(store, persistFile);
        done(null, payload);
      },
    );
  await app.listen({ port: opts.port ?? 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("fauxqs did not report its port");
  const endpoint = `http://127.0.0.1:${address.port}`;
  const client = new SQSClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    useQueueUrlAsEndpoint: false,
  });

  const create = async (name: string, attributes: Partial<Record<QueueAttributeName, string>>) => {
    const { QueueUrl: url } = await client.send(
      new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
    );
    if (!url) throw new Error(`CreateQueue ${name} returned no URL`);
    const got = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }),
    );
    const arn = got.Attributes?.QueueArn;
    if (!arn) throw new Error(`Queue ${name} has no ARN`);
    return { name, url, arn };
  };

  const queues = new Map<string, LocalQueue>();
  try {
    for (const name of opts.queueNames) {
      // Retention as in AWS (lib/stateful-stack.ts).
      const retention = String(QUEUE_RETENTION_DAYS * DAY_SECONDS);
      const deadLetter = await create(`${name}-dlq`, { MessageRetentionPeriod: retention });
      const queue = await create(name, {
        VisibilityTimeout: String(opts.visibilityTimeoutSeconds),
        MessageRetentionPeriod: retention,
        RedrivePolicy: JSON.stringify({
          deadLetterTargetArn: deadLetter.arn,
          maxReceiveCount: opts.maxReceiveCount,
        }),
      });
      queues.set(name, { ...queue, deadLetter });
    }
    if (persistFile) restore(store, persistFile);
  } catch (error) {
    client.destroy();
    await app.close();
    throw error;
  }

  return {
    endpoint,
    client,
    queues,
    async counts(url) {
      const { Attributes: a = {} } = await client.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: [
            "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible",
            "ApproximateNumberOfMessagesDelayed",
          ],
        }),
      );
      return {
        visible: Number(a.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(a.ApproximateNumberOfMessagesNotVisible ?? 0),
        delayed: Number(a.ApproximateNumberOfMessagesDelayed ?? 0),
      };
    },
    async stop() {
      client.destroy();
      await app.close(); // forceCloseConnections: pending long polls end now
    },
  };
}
