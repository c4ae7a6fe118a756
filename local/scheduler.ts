/**
 * The local stand-in for EventBridge Scheduler: one in-process timer per schedule job, aimed at
 * the next run of the schedule's own expression on the app's (movable) clock.
 *
 * Time travel: when the clock is moved past a schedule's next run, that schedule runs once at once
 * and then aims at its next run after the new now — as a laptop waking from sleep would, not
 * replaying the 384 sweeps that four days of `rate(15 minutes)` contain. Sweeps are idempotent, so
 * one catch-up run does everything the skipped ones would have.
 */
import type { AdjustableClock } from "./adjustable-clock";
import type { ScheduleExpression } from "./schedule-expression";

export interface ScheduleJob {
  /** The schedule's name in the stage config and JOBS (`sweep`). */
  readonly name: string;
  /** The job's handler (file name in functions/jobs). */
  readonly handler: string;
  readonly schedule: ScheduleExpression;
  /** Invokes the job handler once. */
  readonly invoke: () => Promise<unknown>;
}

export interface RunRecord {
  readonly trigger: "timer" | "manual";
  /** On the app clock. */
  readonly startedAt: string;
  readonly tookMs: number;
  readonly outcome: "succeeded" | "failed";
  readonly result?: unknown;
  readonly error?: string;
}

export interface ScheduleState {
  readonly name: string;
  readonly handler: string;
  readonly expression: string;
  readonly nextRunAt: string | null;
  readonly lastRun?: RunRecord;
}

export interface LocalScheduler {
  list(): ScheduleState[];
  has(name: string): boolean;
  /** Runs a schedule's job now, outside its timer; rejects with the job's error. */
  runNow(name: string): Promise<unknown>;
  /** Job runs in progress (timer or manual). */
  readonly running: number;
  /** Clears the timers and waits for runs in progress. */
  stop(): Promise<void>;
}

/** setTimeout's limit (~24.8 days); longer waits are re-armed when they wake. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export function startScheduler(opts: {
  readonly jobs: readonly ScheduleJob[];
  readonly clock: AdjustableClock;
  readonly log: (line: string) => void;
}): LocalScheduler {
  const { clock, log } = opts;
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  const entries = opts.jobs.map((job) => ({
    job,
    nextRunAt: job.schedule.next(clock.now()),
    lastRun: undefined as RunRecord | undefined,
    timerRunning: false,
    timer: undefined as NodeJS.Timeout | undefined,
  }));
  type Entry = (typeof entries)[number];

  async function run(entry: Entry, trigger: RunRecord["trigger"]): Promise<unknown> {
    const startedAt = clock.now().toISOString();
    const started = performance.now();
    const record = (fields: Pick<RunRecord, "outcome" | "result" | "error">) => {
      entry.lastRun = { trigger, startedAt, tookMs: Math.round(performance.now() - started), ...fields };
    };
    const running = entry.job.invoke();
    inFlight.add(running);
    try {
      const result = await running;
      record({ outcome: "succeeded", result });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      record({ outcome: "failed", error: message });
      throw error;
    } finally {
      inFlight.delete(running);
    }
  }

  function arm(entry: Entry): void {
    clearTimeout(entry.timer);
    if (stopped || !entry.nextRunAt) return;
    const wait = entry.nextRunAt.getTime() - clock.now().getTime();
    entry.timer = setTimeout(() => void fire(entry), Math.min(Math.max(wait, 0), MAX_TIMEOUT_MS));
  }

  async function fire(entry: Entry): Promise<void> {
    const now = clock.now();
    if (!entry.nextRunAt || now < entry.nextRunAt) return arm(entry); // woke early (long wait)
    // Next run from the one just due; after a jump in time, from now (no replay of missed runs).
    let next = entry.job.schedule.next(entry.nextRunAt);
    if (next && next <= now) next = entry.job.schedule.next(now);
    entry.nextRunAt = next;
    arm(entry);
    // A run still going when the next is due is left to finish; the next one covers its work.
    if (entry.timerRunning) return log(`schedule ${entry.job.name}: previous run still going, skipped`);
    entry.timerRunning = true;
    try {
      const result = await run(entry, "timer");
      log(`schedule ${entry.job.name}: ${entry.job.handler} ${JSON.stringify(result)}`);
    } catch (error) {
      log(
        `schedule ${entry.job.name}: ${entry.job.handler} failed: ${error instanceof Error ? error.message : error}`,
      );
    } finally {
      entry.timerRunning = false;
    }
  }

  for (const entry of entries) arm(entry);
  const unsubscribe = clock.onMove((now, move) => {
    for (const entry of entries) {
      if (move.catchUp === false) entry.nextRunAt = entry.job.schedule.next(now);
      arm(entry);
    }
  });

  const find = (name: string) => entries.find((e) => e.job.name === name);
  return {
    list: () =>
      entries.map((e) => ({
        name: e.job.name,
        handler: e.job.handler,
        expression: e.job.schedule.expression,
        nextRunAt: e.nextRunAt?.toISOString() ?? null,
        ...(e.lastRun && { lastRun: e.lastRun }),
      })),
    has: (name) => find(name) !== undefined,
    runNow(name) {
      const entry = find(name);
      if (!entry) return Promise.reject(new Error(`No schedule named ${name}`));
      return run(entry, "manual");
    },
    get running() {
      return inFlight.size;
    },
    async stop() {
      stopped = true;
      unsubscribe();
      for (const entry of entries) clearTimeout(entry.timer);
      await Promise.allSettled([...inFlight]);
    },
  };
}
