/**
 * EventBridge Scheduler expressions, read the way the deployed schedule reads them, so the local
 * timer fires when AWS would: `rate(N minute|minutes|hour|hours|day|days)` and the 6-field
 * `cron(minutes hours day-of-month month day-of-week year)` evaluated in the schedule's time zone
 * (the stage's calendar zone, as lib/constructs/job-schedule.ts passes it to Scheduler).
 *
 * aws-cron-parser reads AWS's cron dialect (`?`, `L`, `W`, `#`, the year field) but only in UTC;
 * the zone is applied here by handing it local wall-clock time and converting its answer back.
 */
import awsCronParser from "aws-cron-parser";
import { wallClockFormatter } from "../functions/domain/calendar";

export interface ScheduleExpression {
  readonly expression: string;
  /** The first run strictly after `after`; undefined when a cron's years have run out. */
  next(after: Date): Date | undefined;
}

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((\S+(?: \S+){5})\)$/;
const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** @throws RangeError for anything Scheduler would not accept as a rate or cron expression */
export function parseScheduleExpression(expression: string, timeZone: string): ScheduleExpression {
  const rate = RATE.exec(expression);
  if (rate) {
    const [, count = "", unit = ""] = rate;
    const n = Number(count);
    // Scheduler's own rules: a positive value, singular unit for 1 and plural otherwise.
    if (n < 1 || (n === 1) !== !unit.endsWith("s")) {
      throw new RangeError(
        `${expression}: write rate(1 ${unit.replace(/s$/, "")}) or rate(N ${unit.replace(/s?$/, "s")}) with N > 1`,
      );
    }
    const periodMs = n * UNIT_MS[unit.replace(/s$/, "") as keyof typeof UNIT_MS];
    return { expression, next: (after) => new Date(after.getTime() + periodMs) };
  }

  const cron = CRON.exec(expression);
  if (cron?.[1]) {
    const fields = cron[1].split(" ");
    // AWS requires exactly one of day-of-month and day-of-week to be "?"; the parser assumes it.
    if ((fields[2] === "?") === (fields[4] === "?")) {
      throw new RangeError(`${expression}: exactly one of day-of-month and day-of-week must be "?"`);
    }
    let parsed: ReturnType<typeof awsCronParser.parse>;
    try {
      parsed = awsCronParser.parse(cron[1]);
    } catch (error) {
      throw new RangeError(`${expression}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const wall = wallClock(timeZone);
    return {
      expression,
      next(after) {
        // Walk wall-clock occurrences until one maps to an instant after `after`: a DST change
        // can map a wall time to an earlier instant than the one we started from.
        let from = new Date(wall.toWall(after.getTime()));
        for (let guard = 0; guard < 4; guard++) {
          const occurrence = awsCronParser.next(parsed, from);
          if (!occurrence) return undefined;
          const instant = wall.toInstant(occurrence.getTime());
          if (instant > after.getTime()) return new Date(instant);
          from = occurrence;
        }
        return undefined;
      },
    };
  }

  throw new RangeError(
    `"${expression}" is not a schedule expression: rate(N minutes|hours|days) or cron(m h dom mon dow year)`,
  );
}

/** Converts between instants and a zone's wall-clock time written as UTC milliseconds. */
function wallClock(timeZone: string) {
  const formatter = wallClockFormatter(timeZone);
  const toWall = (ms: number): number => {
    const parts: Record<string, number> = {};
    for (const part of formatter.formatToParts(ms)) {
      if (part.type !== "literal") parts[part.type] = Number(part.value);
    }
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
    return Date.UTC(year, month - 1, day, hour, minute, second) + (ms - Math.floor(ms / 1000) * 1000);
  };
  return {
    toWall,
    toInstant(wallMs: number): number {
      // Two rounds of "wall time minus the offset in force" settle on the right offset when the
      // first guess falls on the other side of a DST change.
      let t = wallMs - (toWall(wallMs) - wallMs);
      t = wallMs - (toWall(t) - t);
      return t;
    },
  };
}
