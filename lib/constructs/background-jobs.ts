import { existsSync } from "node:fs";
import { Duration } from "aws-cdk-lib";
import { FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq, SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import type { RetentionDays } from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { type JobSpec, STREAM_ENTITIES } from "../../functions/manifests/jobs";
import type { ScheduleName } from "../config";
import { pascal } from "../naming";
import { repoPath } from "../paths";
import { type AccessTargets, HandlerFunction } from "./handler-function";
import { JobSchedule } from "./job-schedule";

/**
 * Queue consumers wait this long for more messages before invoking with a partial batch: a sweep
 * enqueues in bursts, so this collects them into fewer invocations at a latency cost of seconds.
 */
export const MAX_BATCHING_WINDOW = Duration.seconds(2);

/**
 * Retries of a failed stream batch (bisected each time) before its position goes to the failure
 * queue: enough to ride out a queue outage of several minutes.
 */
export const STREAM_RETRY_ATTEMPTS = 10;

export interface BackgroundJobsProps {
  readonly stage: string;
  /** Jobs to run; one function per entry. */
  readonly jobs: readonly JobSpec[];
  readonly targets: AccessTargets;
  /** Expression of each named schedule (stage config `schedules`). */
  readonly schedules: Readonly<Record<ScheduleName, string>>;
  /** IANA zone in which `cron(...)` schedules are read (stage config `calendar.timeZone`). */
  readonly timeZone: string;
  /**
   * Entry file of a job handler, relative to the repository root.
   * @default handler => `functions/jobs/${handler}.ts`
   */
  readonly jobEntry?: (handler: string) => string;
  readonly logRetention: RetentionDays;
  /** @default 512 */
  readonly memorySize?: number;
  /** X-Ray active tracing of every function. @default false */
  readonly tracing?: boolean;
  /**
   * Must stay at most a sixth of each consumed queue's visibility timeout (AWS guidance for SQS
   * event sources), which the stateful stack derives from the same setting.
   * @default Duration.seconds(60)
   */
  readonly timeout?: Duration;
}

/**
 * The functions of the job manifest (functions/manifests/jobs.ts): one per job, with grants from its
 * `access` exactly like a route's, triggered either by an EventBridge Scheduler schedule
 * (JobSchedule) or by an SQS event source that reports partial batch failures, so one bad message
 * is retried (and eventually dead-lettered) alone instead of with its whole batch.
 */
export class BackgroundJobs extends Construct {
  readonly functions: ReadonlyMap<string, HandlerFunction>;
  /** The schedule of each schedule-triggered job, by handler. */
  readonly schedules: ReadonlyMap<string, JobSchedule>;
  /** The event source of each queue-triggered job, by handler. */
  readonly eventSources: ReadonlyMap<string, SqsEventSource>;
  /** The event source of each stream-triggered job, by handler. */
  readonly streamSources: ReadonlyMap<string, DynamoEventSource>;

  constructor(scope: Construct, id: string, props: BackgroundJobsProps) {
    super(scope, id);
    const functions = new Map<string, HandlerFunction>();
    const schedules = new Map<string, JobSchedule>();
    const eventSources = new Map<string, SqsEventSource>();
    const streamSources = new Map<string, DynamoEventSource>();

    for (const job of props.jobs) {
      if (functions.has(job.handler)) throw new Error(`JOBS lists "${job.handler}" twice`);
      const entry = (props.jobEntry ?? defaultJobEntry)(job.handler);
      if (!existsSync(repoPath(entry))) {
        throw new Error(
          `JOBS lists "${job.handler}" but ${entry} does not exist (it must export \`handler\`)`,
        );
      }
      const fn = new HandlerFunction(this, pascal(job.handler), {
        entry,
        stage: props.stage,
        description: job.handler,
        logRetention: props.logRetention,
        memorySize: props.memorySize,
        tracing: props.tracing ?? false,
        timeout: props.timeout ?? Duration.seconds(60),
      });
      fn.allow(job.access, props.targets);
      functions.set(job.handler, fn);

      const trigger = job.trigger;
      switch (trigger.kind) {
        case "schedule": {
          const expression = props.schedules[trigger.schedule];
          schedules.set(
            job.handler,
            new JobSchedule(this, `${pascal(job.handler)}Schedule`, {
              function: fn.function,
              expression,
              timeZone: props.timeZone,
              description: `Aduan ${props.stage} ${job.handler} (${trigger.schedule}: ${expression})`,
            }),
          );
          break;
        }
        case "queue": {
          // Grants exactly the consume actions on this one queue to the function's role.
          const source = new SqsEventSource(props.targets.queues[trigger.queue], {
            batchSize: trigger.batchSize,
            maxBatchingWindow: MAX_BATCHING_WINDOW,
            reportBatchItemFailures: true,
          });
          fn.function.addEventSource(source);
          eventSources.set(job.handler, source);
          break;
        }
        case "stream": {
          // Grants the stream read actions on this table's stream to the function's role.
          const source = new DynamoEventSource(props.targets.table, {
            startingPosition: StartingPosition.TRIM_HORIZON,
            batchSize: trigger.batchSize,
            maxBatchingWindow: MAX_BATCHING_WINDOW,
            bisectBatchOnError: true,
            retryAttempts: STREAM_RETRY_ATTEMPTS,
            reportBatchItemFailures: true,
            onFailure: new SqsDlq(props.targets.streamFailures),
            filters: [
              FilterCriteria.filter({
                dynamodb: { NewImage: { entity: { S: FilterRule.or(...STREAM_ENTITIES) } } },
              }),
            ],
          });
          fn.function.addEventSource(source);
          streamSources.set(job.handler, source);
          break;
        }
        default:
          throw new Error(`Unknown trigger of job ${(job as JobSpec).handler}`);
      }
    }

    this.functions = functions;
    this.schedules = schedules;
    this.eventSources = eventSources;
    this.streamSources = streamSources;
  }
}

export function defaultJobEntry(handler: string): string {
  return `functions/jobs/${handler}.ts`;
}
