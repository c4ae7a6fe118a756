/**
 * The jobs of JOBS, run locally as in AWS: a poller per queue job feeding its handler, a timer per
 * schedule job with the stage's expression, all calling the handler modules of functions/jobs
 * in-process (imported once, after the environment is set: one warm Lambda per job).
 *
 * Also what the /_local helpers need: run a schedule now and wait until the work it queued — and
 * the work that work queued — has been consumed (`runAndDrain`), and queue counts.
 */
import { randomUUID } from "node:crypto";
import type { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { accessByHandler } from "../functions/manifests/grants";
import { JOBS, type JobSpec } from "../functions/manifests/jobs";
import type { QueueName, RouteAccess } from "../functions/manifests/routes";
import { type Container, runWithContainer } from "../functions/shared/container";
import { ENV } from "../functions/shared/runtime-config";
import { repoPath } from "../lib/paths";
import type { AdjustableClock } from "./adjustable-clock";
import { createLambdaContext } from "./api-gateway-event";
import { LOCAL_REGION } from "./dynamodb-local";
import type { LocalSqs, QueueCounts } from "./local-sqs";
import { type QueueHandler, type QueuePoller, startQueuePoller } from "./queue-poller";
import { parseScheduleExpression } from "./schedule-expression";
import { type LocalScheduler, type ScheduleState, startScheduler } from "./scheduler";
import { handlerLoader } from "./server";
import { type StreamHandler, type StreamPoller, startStreamPoller } from "./stream-poller";

export interface BackgroundJobsOptions {
  readonly sqs: LocalSqs;
  readonly clock: AdjustableClock;
  /** Expression of each named schedule (stage config `schedules`). */
  readonly schedules: Readonly<Record<string, string>>;
  /** Zone in which cron(...) expressions are read (stage config `calendar.timeZone`). */
  readonly timeZone: string;
  /** Lambda timeout of job functions, for the handlers' context (stage config). */
  readonly jobTimeoutSeconds: number;
  /** @default JOBS */
  readonly jobs?: readonly JobSpec[];
  /** @default functions/jobs of this repository */
  readonly jobsDir?: string;
  /** @default console.log */
  readonly log?: (line: string) => void;
  /** The table's stream, for the stream job (route-changes). @default no stream reader runs */
  readonly stream?: {
    readonly client: DynamoDBStreamsClient;
    readonly streamArn: string;
    /** Where the reader keeps its position between runs. */
    readonly checkpointFile?: string;
  };
  /** The container a job's invocation runs with (its grants only). @default the process-wide one */
  readonly containerFor?: (handler: string, access: RouteAccess) => () => Container;
}

export interface QueueStatus extends QueueCounts {
  readonly name: string;
  readonly url: string;
  /** The job consuming it locally, or null (no consumer: messages wait, as for an unbuilt notifier). */
  readonly consumer: string | null;
  readonly deadLetter: { readonly name: string } & QueueCounts;
}

export type DrainOutcome =
  | { readonly drained: true; readonly queues: readonly string[]; readonly tookMs: number }
  | { readonly drained: false; readonly queues: readonly QueueStatus[]; readonly tookMs: number };

export interface BackgroundJobs {
  readonly scheduler: LocalScheduler;
  schedules(): ScheduleState[];
  queues(): Promise<QueueStatus[]>;
  /** Runs a schedule's job now, then waits until the queues it feeds (transitively) are empty. */
  runAndDrain(name: string, timeoutMs: number): Promise<{ result: unknown; drain: DrainOutcome }>;
  stop(): Promise<void>;
}

/** The environment handlers need to reach the local queues (set before any handler is imported). */
export function queueEnvironment(sqs: LocalSqs): Record<string, string> {
  const env: Record<string, string> = { AWS_ENDPOINT_URL_SQS: sqs.endpoint };
  for (const [name, queue] of sqs.queues) {
    const variable = (ENV as Record<string, string>)[`${name}QueueUrl`];
    if (!variable) throw new Error(`runtime-config ENV has no ${name}QueueUrl for queue ${name}`);
    env[variable] = queue.url;
  }
  return env;
}

const POLL_MS = 50;

export function startBackgroundJobs(opts: BackgroundJobsOptions): BackgroundJobs {
  const jobs = opts.jobs ?? JOBS;
  const log = opts.log ?? ((line: string) => console.log(line));
  const loadModule = handlerLoader<(event: unknown, context: unknown) => Promise<unknown>>(
    opts.jobsDir ?? repoPath("functions", "jobs"),
  );
  // Each job runs in its own container (its grants) when the caller gives one.
  const grants = accessByHandler(jobs);
  const load = async (name: string) => {
    const handler = await loadModule(name);
    const access = grants.get(name);
    if (!opts.containerFor || !access) return handler;
    const provide = opts.containerFor(name, access);
    return (event: unknown, context: unknown) => runWithContainer(provide, () => handler(event, context));
  };
  const context = (handler: string) => () =>
    createLambdaContext(handler, randomUUID(), opts.jobTimeoutSeconds * 1000);

  const pollers = new Map<string, { job: JobSpec; poller: QueuePoller }>();
  for (const job of jobs) {
    if (job.trigger.kind !== "queue") continue;
    const queue = opts.sqs.queues.get(job.trigger.queue);
    if (!queue) throw new Error(`Job ${job.handler} consumes ${job.trigger.queue}, which was not created`);
    const poller = startQueuePoller({
      client: opts.sqs.client,
      queueUrl: queue.url,
      queueArn: queue.arn,
      region: LOCAL_REGION,
      batchSize: job.trigger.batchSize,
      handler: () => load(job.handler) as Promise<QueueHandler>,
      context: context(job.handler),
      log,
    });
    pollers.set(job.trigger.queue, { job, poller });
  }

  let streamReader: { job: JobSpec; poller: StreamPoller } | undefined;
  for (const job of jobs) {
    if (job.trigger.kind !== "stream" || !opts.stream) continue;
    const poller = startStreamPoller({
      client: opts.stream.client,
      streamArn: opts.stream.streamArn,
      ...(opts.stream.checkpointFile && { checkpointFile: opts.stream.checkpointFile }),
      region: LOCAL_REGION,
      batchSize: job.trigger.batchSize,
      handler: () => load(job.handler) as Promise<StreamHandler>,
      context: context(job.handler),
      log,
    });
    streamReader = { job, poller };
  }

  const scheduler = startScheduler({
    clock: opts.clock,
    log,
    jobs: jobs.flatMap((job) => {
      if (job.trigger.kind !== "schedule") return [];
      const expression = opts.schedules[job.trigger.schedule];
      if (!expression) throw new Error(`No expression for schedule ${job.trigger.schedule} (${job.handler})`);
      return [
        {
          name: job.trigger.schedule,
          handler: job.handler,
          schedule: parseScheduleExpression(expression, opts.timeZone),
          // Scheduler's Lambda target passes its (here empty) input as the event.
          invoke: async () => (await load(job.handler))({}, context(job.handler)()),
        },
      ];
    }),
  });

  async function status(name: string): Promise<QueueStatus> {
    const queue = opts.sqs.queues.get(name);
    if (!queue) throw new Error(`Unknown queue ${name}`);
    const [counts, deadLetter] = await Promise.all([
      opts.sqs.counts(queue.url),
      opts.sqs.counts(queue.deadLetter.url),
    ]);
    return {
      name,
      url: queue.url,
      consumer: pollers.get(name)?.job.handler ?? null,
      ...counts,
      deadLetter: { name: queue.deadLetter.name, ...deadLetter },
    };
  }

  /**
   * Queues with a local consumer that a job's sends reach, following consumers' own sends — and,
   * for a job that writes the table, the queues the stream reader routes writes to.
   */
  function downstreamConsumedQueues(job: JobSpec): string[] {
    const seen = new Set<string>();
    const viaStream = (spec: JobSpec) =>
      spec.access.table === "readWrite" ? (streamReader?.job.access.sendTo ?? []) : [];
    const pending = [...(job.access.sendTo ?? []), ...viaStream(job)];
    for (let queue = pending.shift(); queue !== undefined; queue = pending.shift()) {
      const consumer = pollers.get(queue);
      if (seen.has(queue) || !consumer) continue;
      seen.add(queue);
      pending.push(...(consumer.job.access.sendTo ?? []), ...viaStream(consumer.job));
    }
    return [...seen];
  }

  /**
   * Empty means: no schedule run in progress, no batch in a consumer's hands, and every queue's
   * visible + in-flight + delayed count at zero — with no batch having started or ended while the
   * counts were read, so a message cannot have moved from an unread queue to a read one unseen.
   */
  async function drain(names: readonly string[], timeoutMs: number): Promise<DrainOutcome> {
    const started = performance.now();
    const consumers: { busy: boolean; activity: number }[] = names.flatMap(
      (name) => pollers.get(name)?.poller ?? [],
    );
    // Writes still in the stream are work on their way to the queues.
    if (streamReader && names.some((name) => streamReader?.job.access.sendTo?.includes(name as QueueName)))
      consumers.push(streamReader.poller);
    const activity = () => consumers.reduce((sum, p) => sum + p.activity, 0);
    for (;;) {
      const before = activity();
      const idle = scheduler.running === 0 && consumers.every((p) => !p.busy);
      const counts = await Promise.all(names.map(status));
      const empty = counts.every((c) => c.visible + c.inFlight + c.delayed === 0);
      const tookMs = Math.round(performance.now() - started);
      if (idle && empty && activity() === before) return { drained: true, queues: names, tookMs };
      if (tookMs >= timeoutMs) return { drained: false, queues: counts, tookMs };
      await new Promise((wake) => setTimeout(wake, POLL_MS));
    }
  }

  return {
    scheduler,
    schedules: () => scheduler.list(),
    queues: () => Promise.all([...opts.sqs.queues.keys()].map(status)),
    async runAndDrain(name, timeoutMs) {
      const job = jobs.find((j) => j.trigger.kind === "schedule" && j.trigger.schedule === name);
      if (!job) throw new Error(`No schedule named ${name}`);
      const started = performance.now();
      const result = await scheduler.runNow(name);
      const remaining = Math.max(timeoutMs - (performance.now() - started), 0);
      return { result, drain: await drain(downstreamConsumedQueues(job), remaining) };
    },
    async stop() {
      await scheduler.stop();
      await Promise.all([...pollers.values()].map(({ poller }) => poller.stop()));
      await streamReader?.poller.stop();
    },
  };
}
