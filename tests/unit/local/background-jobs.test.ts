import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobSpec } from "../../../functions/manifests/jobs";
import { AdjustableClock } from "../../../local/adjustable-clock";
import { type BackgroundJobs, startBackgroundJobs } from "../../../local/background-jobs";
import { type LocalSqs, startLocalSqs } from "../../../local/local-sqs";

// What `POST /_local/schedules/{name}/run` relies on: run a schedule job, then wait until the
// queue it feeds has been consumed — here with a consumer slow enough to notice a missing wait.
const jobsDir = fileURLToPath(new URL("./fixtures/jobs", import.meta.url));
const JOBS: JobSpec[] = [
  { handler: "emit", trigger: { kind: "schedule", schedule: "sweep" }, access: { sendTo: ["escalations"] } },
  { handler: "slow-consumer", trigger: { kind: "queue", queue: "escalations", batchSize: 10 }, access: {} },
];

let sqs: LocalSqs;
let jobs: BackgroundJobs;
let consumed: string[];

beforeAll(async () => {
  sqs = await startLocalSqs({
    queueNames: ["escalations"],
    maxReceiveCount: 2,
    visibilityTimeoutSeconds: 360,
  });
  process.env.AWS_ENDPOINT_URL_SQS = sqs.endpoint;
  process.env.FIXTURE_QUEUE_URL = sqs.queues.get("escalations")?.url;
  jobs = startBackgroundJobs({
    sqs,
    clock: new AdjustableClock(),
    schedules: { sweep: "rate(1 day)" },
    timeZone: "Asia/Jakarta",
    jobTimeoutSeconds: 60,
    jobs: JOBS,
    jobsDir,
    log: () => {},
  });
  // The same module instance the loader imports (same URL), to read what the consumer handled.
  ({ consumed } = await import(pathToFileURL(`${jobsDir}/slow-consumer.ts`).href));
});

afterAll(async () => {
  await jobs?.stop();
  await sqs?.stop();
});

describe("run a schedule and drain its queues", () => {
  it("returns only once the consumer has handled everything the job queued", async () => {
    process.env.FIXTURE_BODIES = JSON.stringify(["a", "b", "c"]);
    const { result, drain } = await jobs.runAndDrain("sweep", 10_000);
    expect(result).toEqual({ sent: 3 });
    expect(drain).toMatchObject({ drained: true, queues: ["escalations"] });
    expect([...consumed].sort()).toEqual(["a", "b", "c"]);
  });

  it("counts a poison message as drained once it reaches the DLQ", async () => {
    process.env.FIXTURE_BODIES = JSON.stringify(["d", "poison"]);
    const { drain } = await jobs.runAndDrain("sweep", 10_000);
    expect(drain.drained).toBe(true);
    expect(consumed).toContain("d");
    const [escalations] = await jobs.queues();
    expect(escalations).toMatchObject({
      name: "escalations",
      consumer: "slow-consumer",
      visible: 0,
      inFlight: 0,
      deadLetter: { name: "escalations-dlq", visible: 1 },
    });
  });

  it("gives up after the timeout and reports what is left", async () => {
    process.env.FIXTURE_BODIES = JSON.stringify(["e"]);
    const { drain } = await jobs.runAndDrain("sweep", 50);
    expect(drain.drained).toBe(false);
    const left = drain.drained ? undefined : drain.queues[0];
    expect((left?.visible ?? 0) + (left?.inFlight ?? 0)).toBe(1);
    expect((await jobs.runAndDrain("sweep", 10_000)).drain.drained).toBe(true); // and it settles
  });
});
