/**
 * The local SQS: fauxqs (an in-process SQS-compatible server) on 127.0.0.1, with every queue of
 * QUEUES created as the stateful stack creates it — a dead-letter queue per work queue, a redrive
 * policy with the same maxReceiveCount, the same visibility timeout.
 *
 * fauxqs' own startFauxqs() listens on 0.0.0.0, so we build its app and bind it to loopback
 * ourselves. Its queue URLs use `sqs.<region>.localhost`, which does not resolve here: every client
 * must send to the endpoint, not the URL (`useQueueUrlAsEndpoint: false`, as the adapter does).
 *
 * Queues live in memory: messages waiting at Ctrl-C are gone after a restart. That loses no
 * work here — the sweep re-queues every action still due on its next run, and the notifications
 * queue has no consumer locally — but it is a difference from AWS, where queues keep messages.
 */
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
}

const DAY_SECONDS = 86_400;

export async function startLocalSqs(opts: LocalSqsOptions): Promise<LocalSqs> {
  const app = buildApp({ logger: false, defaultRegion: LOCAL_REGION });
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
