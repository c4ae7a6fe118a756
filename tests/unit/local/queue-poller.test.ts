import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import type { Context, SQSBatchResponse, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalSqs, startLocalSqs } from "../../../local/local-sqs";
import { type QueuePoller, startQueuePoller } from "../../../local/queue-poller";

// The poller against the real local SQS (fauxqs in-process, loopback): what a Lambda event source
// mapping with partial batch failures does around a consumer. One queue per test: a stopped
// poller's abandoned long poll would, as in SQS, take the next message for a visibility timeout.
const MAX_RECEIVE_COUNT = 3;
const QUEUES = ["shape", "partial", "whole", "idle"] as const;
let sqs: LocalSqs;

beforeAll(async () => {
  sqs = await startLocalSqs({
    queueNames: QUEUES,
    maxReceiveCount: MAX_RECEIVE_COUNT,
    visibilityTimeoutSeconds: 360,
  });
});

afterAll(async () => {
  await sqs?.stop();
});

let current: (typeof QUEUES)[number] = "shape";
const queue = () => {
  const q = sqs.queues.get(current);
  if (!q) throw new Error(`${current} queue missing`);
  return q;
};

async function send(bodies: readonly string[]): Promise<void> {
  await sqs.client.send(
    new SendMessageBatchCommand({
      QueueUrl: queue().url,
      Entries: bodies.map((body, i) => ({ Id: String(i), MessageBody: body })),
    }),
  );
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((wake) => setTimeout(wake, 25));
  }
}

function poll(handler: (event: SQSEvent) => Promise<SQSBatchResponse | undefined>): QueuePoller {
  return startQueuePoller({
    client: sqs.client,
    queueUrl: queue().url,
    queueArn: queue().arn,
    region: "ap-southeast-3",
    batchSize: 10,
    handler: async () => handler,
    context: () => ({}) as Context,
    retryDelaySeconds: 0,
    log: () => {},
  });
}

const empty = async () => {
  const c = await sqs.counts(queue().url);
  return c.visible + c.inFlight + c.delayed === 0;
};

describe("local SQS", () => {
  it("binds to 127.0.0.1 and gives each queue a DLQ", () => {
    expect(new URL(sqs.endpoint).hostname).toBe("127.0.0.1");
    expect(queue().deadLetter.name).toBe("shape-dlq");
    expect(queue().arn).toMatch(/^arn:aws:sqs:ap-southeast-3:\d{12}:shape$/);
  });
});

describe("queue poller", () => {
  it("delivers an SQSEvent as Lambda builds it and deletes what succeeded", async () => {
    current = "shape";
    const events: SQSEvent[] = [];
    const poller = poll(async (event) => {
      events.push(event);
      return { batchItemFailures: [] };
    });
    await send(['{"n":1}', '{"n":2}']);
    await until(async () => events.flatMap((e) => e.Records).length === 2 && (await empty()));
    await poller.stop();

    const record = events[0]?.Records[0];
    expect(record).toMatchObject({
      messageId: expect.any(String),
      receiptHandle: expect.any(String),
      body: '{"n":1}',
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: expect.stringMatching(/^\d+$/),
        SenderId: expect.any(String),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/),
      },
      messageAttributes: {},
      eventSource: "aws:sqs",
      eventSourceARN: queue().arn,
      awsRegion: "ap-southeast-3",
    });
  });

  it("redelivers only the reported failures, and a poison message ends in the DLQ", async () => {
    current = "partial";
    const receives = new Map<string, string[]>();
    const poller = poll(async (event) => {
      for (const r of event.Records) {
        receives.set(r.body, [...(receives.get(r.body) ?? []), r.attributes.ApproximateReceiveCount]);
      }
      return {
        batchItemFailures: event.Records.filter((r) => r.body === "poison").map((r) => ({
          itemIdentifier: r.messageId,
        })),
      };
    });
    await send(["good", "poison"]);
    await until(async () => (await sqs.counts(queue().deadLetter.url)).visible === 1 && (await empty()));
    await poller.stop();

    expect(receives.get("good")).toEqual(["1"]);
    expect(receives.get("poison")).toEqual(["1", "2", "3"]); // maxReceiveCount, then the DLQ
  });

  it("retries the whole batch when the handler throws or names a record not in the batch", async () => {
    current = "whole";
    let calls = 0;
    const seen: string[] = [];
    const poller = poll(async (event) => {
      calls++;
      seen.push(...event.Records.map((r) => `${r.body}#${r.attributes.ApproximateReceiveCount}`));
      if (calls === 1) throw new Error("crash");
      if (calls === 2) return { batchItemFailures: [{ itemIdentifier: "not-in-batch" }] };
      return undefined; // no response: every record succeeded
    });
    await send(["a"]);
    await until(async () => calls >= 3 && (await empty()));
    await poller.stop();
    expect(seen).toEqual(["a#1", "a#2", "a#3"]);
    expect((await sqs.counts(queue().deadLetter.url)).visible).toBe(0);
  });

  it("stops while long-polling an empty queue, at once", async () => {
    current = "idle";
    const poller = poll(async () => undefined);
    await new Promise((wake) => setTimeout(wake, 100));
    const started = Date.now();
    await poller.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(poller.busy).toBe(false);
  });
});
