/** The stream router: written report items go to the figures queue once per batch; a failed send fails the batch. */
import type { DynamoDBStreamEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { handler } from "../../../functions/jobs/route-changes";
import { buildContainer, setContainer } from "../../../functions/shared/container";
import { MemoryQueue } from "../../fixtures/in-memory";

const record = (seq: string, image: Record<string, unknown>) => ({
  eventName: "MODIFY" as const,
  dynamodb: { SequenceNumber: seq, NewImage: image as never },
});

afterEach(() => setContainer(undefined));

describe("route-changes", () => {
  it("routes each written report once, at its latest version, and nothing else", async () => {
    const queue = new MemoryQueue();
    setContainer(buildContainer({ stage: "test" }, { queue }));
    const event = {
      Records: [
        record("1", { entity: { S: "report" }, trackingId: { S: "AAAAA-AAAAA" }, version: { N: "2" } }),
        record("2", { entity: { S: "report" }, trackingId: { S: "AAAAA-AAAAA" }, version: { N: "3" } }),
        record("3", { entity: { S: "event" }, trackingId: { S: "AAAAA-AAAAA" }, seq: { N: "3" } }),
        record("4", { entity: { S: "report" }, trackingId: { S: "BBBBB-BBBBB" }, version: { N: "1" } }),
      ],
    } as DynamoDBStreamEvent;
    expect(await handler(event)).toEqual({ batchItemFailures: [] });
    expect(queue.take("figures")).toEqual([
      { v: 1, trackingId: "AAAAA-AAAAA", version: 3 },
      { v: 1, trackingId: "BBBBB-BBBBB", version: 1 },
    ]);
  });

  it("fails the batch from its first record when the queue refuses", async () => {
    const queue = { send: () => Promise.reject(new Error("queue down")) };
    setContainer(buildContainer({ stage: "test" }, { queue }));
    const event = {
      Records: [record("7", { entity: { S: "report" }, trackingId: { S: "A" }, version: { N: "1" } })],
    } as DynamoDBStreamEvent;
    expect(await handler(event)).toEqual({ batchItemFailures: [{ itemIdentifier: "7" }] });
  });
});
