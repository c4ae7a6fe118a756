import { afterEach, describe, expect, it } from "vitest";
import { AdjustableClock } from "../../../local/adjustable-clock";
import { parseScheduleExpression } from "../../../local/schedule-expression";
import { type LocalScheduler, startScheduler } from "../../../local/scheduler";

let scheduler: LocalScheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
});

const settle = () => new Promise((wake) => setTimeout(wake, 50));

function sweepEvery15Minutes(clock: AdjustableClock) {
  const runs: string[] = [];
  scheduler = startScheduler({
    clock,
    log: () => {},
    jobs: [
      {
        name: "sweep",
        handler: "sweep-overdue",
        schedule: parseScheduleExpression("rate(15 minutes)", "Asia/Jakarta"),
        invoke: async () => {
          runs.push(clock.now().toISOString());
          return { queued: 0 };
        },
      },
    ],
  });
  return { scheduler, runs };
}

describe("local scheduler", () => {
  it("aims the first run one period after start, on the app clock", () => {
    const clock = new AdjustableClock(0, () => Date.parse("2026-12-23T03:00:00Z"));
    const { scheduler, runs } = sweepEvery15Minutes(clock);
    expect(scheduler.list()).toEqual([
      {
        name: "sweep",
        handler: "sweep-overdue",
        expression: "rate(15 minutes)",
        nextRunAt: "2026-12-23T03:15:00.000Z",
      },
    ]);
    expect(runs).toEqual([]);
  });

  it("runs once when the clock jumps past the next run, then aims one period after the new now", async () => {
    const clock = new AdjustableClock(0, () => Date.parse("2026-12-23T03:00:00Z"));
    const { scheduler, runs } = sweepEvery15Minutes(clock);
    clock.advance(4 * 86_400_000);
    await settle();
    expect(runs).toEqual(["2026-12-27T03:00:00.000Z"]); // one catch-up run, not 384
    const [state] = scheduler.list();
    expect(state?.nextRunAt).toBe("2026-12-27T03:15:00.000Z");
    expect(state?.lastRun).toMatchObject({ trigger: "timer", outcome: "succeeded", result: { queued: 0 } });
  });

  it("does not catch up a move that says so, and aims one period after the new now", async () => {
    const clock = new AdjustableClock(0, () => Date.parse("2026-12-23T03:00:00Z"));
    const { scheduler, runs } = sweepEvery15Minutes(clock);
    clock.advance(4 * 86_400_000, { catchUp: false });
    await settle();
    expect(runs).toEqual([]);
    expect(scheduler.list()[0]?.nextRunAt).toBe("2026-12-27T03:15:00.000Z");
  });

  it("does not run when the clock moves but stays before the next run", async () => {
    const clock = new AdjustableClock(0, () => Date.parse("2026-12-23T03:00:00Z"));
    const { runs } = sweepEvery15Minutes(clock);
    clock.advance(14 * 60_000);
    await settle();
    expect(runs).toEqual([]);
  });

  it("runs a schedule on demand and records a failure", async () => {
    const clock = new AdjustableClock();
    scheduler = startScheduler({
      clock,
      log: () => {},
      jobs: [
        {
          name: "broken",
          handler: "broken-job",
          schedule: parseScheduleExpression("rate(1 day)", "UTC"),
          invoke: async () => {
            throw new Error("table unreachable");
          },
        },
      ],
    });
    await expect(scheduler.runNow("broken")).rejects.toThrow("table unreachable");
    expect(scheduler.list()[0]?.lastRun).toMatchObject({
      trigger: "manual",
      outcome: "failed",
      error: "table unreachable",
    });
    await expect(scheduler.runNow("nope")).rejects.toThrow(/No schedule named nope/);
  });
});

describe("adjustable clock", () => {
  it("runs at real speed plus an offset and only moves forward", () => {
    let real = Date.parse("2026-11-23T00:00:00Z");
    const clock = new AdjustableClock(0, () => real);
    clock.moveTo(new Date("2026-12-23T10:00:00+07:00"));
    expect(clock.now().toISOString()).toBe("2026-12-23T03:00:00.000Z");
    expect(clock.offsetMs).toBe(30 * 86_400_000 + 3 * 3_600_000);
    real += 1000;
    expect(clock.now().toISOString()).toBe("2026-12-23T03:00:01.000Z");
    expect(() => clock.moveTo(new Date("2026-12-23T02:59:59Z"))).toThrow(/only moves forward/);
    expect(() => clock.advance(-1)).toThrow(/only moves forward/);
    expect(clock.now().toISOString()).toBe("2026-12-23T03:00:01.000Z");
  });

  it("tells listeners where it moved", () => {
    const clock = new AdjustableClock(0, () => 0);
    const seen: number[] = [];
    const off = clock.onMove((now) => seen.push(now.getTime()));
    clock.advance(5);
    off();
    clock.advance(5);
    expect(seen).toEqual([5]);
  });
});
