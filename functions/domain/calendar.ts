/**
 * Working-day calendar: the clock every SLA in PRODUCT.md §4 is measured on.
 *
 * Pure: no I/O, no `Date.now()`, no host time zone. Every instant is passed in, and every local
 * date is computed in the configured IANA zone through `Intl.DateTimeFormat`, so results are the
 * same on a laptop in Amsterdam and in a Lambda running in UTC, and no fixed offset is assumed
 * (Indonesia has none today, but a deployer may configure any zone, DST included).
 *
 * Rules (decided here, relied on by `sla.ts` and the escalation sweep):
 *
 * 1. A working day is a local date whose ISO weekday is in `workingDays` (default Mon–Fri) and
 *    which is not listed in `holidays` (national holidays and cuti bersama).
 * 2. The day of the event never counts, whatever its time or kind: "N working days from
 *    submission" are the N working days strictly after the local date of submission, and the
 *    deadline is the END of the Nth one (23:59:59.999 local, i.e. one millisecond before the next
 *    local day starts). This follows Indonesian administrative practice of counting from the day
 *    after receipt and gives every report the same number of whole working days: a report filed
 *    on Friday 10:00 or on Saturday with a 3-day clock is due at the end of Wednesday (Mon, Tue,
 *    Wed), and no weekend or holiday filing needs a special case.
 * 3. `addWorkingDays(t, 0)` is the end of t's own local day (possibly a non-working day); for
 *    n ≥ 1 the result is always the end of a working day.
 * 4. `workingDaysBetween(a, b)` counts the working days strictly after a's local date that have
 *    fully elapsed by b (their end ≤ b); 0 when b ≤ a. It is the exact inverse of rule 2: for
 *    n ≥ 1, `workingDaysBetween(a, b) >= n` exactly when `b >= addWorkingDays(a, n)`. Applied to
 *    (due, now) it gives "overdue by N working days".
 * 5. Calendar-day clocks (`addDays`) follow the same convention: the end of the local date N days
 *    after the event's local date. Counting local dates rather than 24-hour periods keeps a
 *    30-day hold from drifting by an hour across a DST change.
 * 6. A local day starts at the first instant whose local date is that day: usually 00:00, later
 *    where a DST change skips midnight (e.g. America/Santiago), and days may be 23 or 25 hours.
 *
 * Supported instants: years 1000–9999 (local dates are always four-digit YYYY-MM-DD strings,
 * which therefore compare correctly as strings).
 */
import type { ConfigProblem } from "./errors";
import * as z from "./zod";

/** Calendar configuration, as a deployer writes it (see `lib/config.ts`). */
export interface CalendarConfig {
  /** IANA time zone in which working days are reckoned. @default "Asia/Jakarta" */
  readonly timeZone?: string;
  /** ISO weekdays that are working days, 1 = Monday … 7 = Sunday. @default [1, 2, 3, 4, 5] */
  readonly workingDays?: readonly number[];
  /** Local dates (YYYY-MM-DD) that are not working days: national holidays and cuti bersama. */
  readonly holidays: readonly string[];
  /**
   * Years whose national holiday list is complete (the stage's holiday sets). A working day
   * counted in another year may be a holiday nobody listed: the calendar reports it (see
   * `onUncoveredYear`). @default every year is taken as covered
   */
  readonly coveredYears?: readonly number[];
}

export interface CalendarHooks {
  /** Called once per year (per calendar instance) when a day of an uncovered year is reckoned with. */
  readonly onUncoveredYear?: (year: number) => void;
}

/**
 * The years of the next `months` local months (from `now`'s month on) that no holiday list covers:
 * synth and `npm start` warn about them, so that a new decree is added before deadlines need it.
 */
export function holidayCoverageGaps(
  coveredYears: readonly number[],
  timeZone: string,
  now: Date,
  months = 12,
): number[] {
  const local = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
  }).formatToParts(now);
  const year = Number(local.find((p) => p.type === "year")?.value);
  const month = Number(local.find((p) => p.type === "month")?.value);
  const years = new Set<number>();
  for (let i = 0; i < months; i++) years.add(year + Math.floor((month - 1 + i) / 12));
  return [...years].filter((y) => !coveredYears.includes(y));
}

/**
 * Invalid calendar configuration; `details` name each offending field by dotted path
 * (`holidays.3`). A deployer's configuration error (synth, cold start), never an API answer.
 */
export class CalendarConfigError extends Error {
  override readonly name = "CalendarConfigError";
  constructor(readonly details: readonly ConfigProblem[]) {
    super(`Invalid calendar configuration: ${details.map((d) => `${d.field}: ${d.message}`).join("; ")}`);
  }
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
// Guards against a caller passing, say, milliseconds as a day count and looping for minutes.
const MAX_DAYS = 100_000;
const MIN_SUPPORTED_MS = Date.UTC(1000, 0, 2);
const MAX_SUPPORTED_MS = Date.UTC(9999, 11, 30);
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds of `YYYY-MM-DD 00:00` read as if it were UTC, or undefined for a non-date. */
function civilMs(localDate: string): number | undefined {
  const match = LOCAL_DATE_PATTERN.exec(localDate);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  if (y < 1000) return undefined;
  const ms = Date.UTC(y, m - 1, d);
  // Date.UTC silently rolls 2026-02-30 over to March; a round trip catches it.
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d)
    return undefined;
  return ms;
}

function civilDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const localDateSchema = z
  .string()
  .check(z.refine((s) => civilMs(s) !== undefined, { message: "must be a real date written YYYY-MM-DD" }));

export const calendarConfigSchema = z.object({
  timeZone: z._default(
    z
      .string()
      .check(z.refine(isValidTimeZone, { message: "must be an IANA time zone such as Asia/Jakarta" })),
    "Asia/Jakarta",
  ),
  workingDays: z._default(
    z
      .array(z.int().check(z.gte(1, "must be an ISO weekday 1–7"), z.lte(7, "must be an ISO weekday 1–7")))
      .check(z.minLength(1, "must name at least one working day")),
    [1, 2, 3, 4, 5],
  ),
  holidays: z.array(localDateSchema),
  coveredYears: z.optional(z.array(z.int().check(z.gte(1900), z.lte(9999)))),
});

/**
 * A formatter of an instant's wall-clock parts in `timeZone`. Explicit calendar, numbering system
 * and h23, so that no locale default can change the parts (a Buddhist-era year, Arabic digits, or
 * "24" for midnight).
 */
export function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    calendar: "gregory",
    numberingSystem: "latn",
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

export class WorkingCalendar {
  readonly timeZone: string;
  readonly workingDays: readonly number[];
  private readonly workingWeekdays: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<string>;
  private readonly formatter: Intl.DateTimeFormat;
  private readonly coveredYears: ReadonlySet<number> | undefined;
  private readonly reportedYears = new Set<number>();

  /** @throws CalendarConfigError naming each invalid field */
  constructor(
    config: CalendarConfig,
    private readonly hooks: CalendarHooks = {},
  ) {
    const parsed = calendarConfigSchema.safeParse(config);
    if (!parsed.success) {
      throw new CalendarConfigError(
        parsed.error.issues.map((issue) => ({
          field: issue.path.map(String).join("."),
          message: issue.message,
        })),
      );
    }
    this.workingWeekdays = new Set(parsed.data.workingDays);
    this.workingDays = [...this.workingWeekdays].sort((a, b) => a - b);
    this.holidays = new Set(parsed.data.holidays);
    this.coveredYears = parsed.data.coveredYears && new Set(parsed.data.coveredYears);
    this.formatter = wallClockFormatter(parsed.data.timeZone);
    this.timeZone = this.formatter.resolvedOptions().timeZone;
  }

  /** The local date (YYYY-MM-DD) of `instant` in the calendar's zone. */
  localDate(instant: Date): string {
    return civilDate(this.wallClockMs(instant.getTime()));
  }

  /**
   * An instant as people in the zone read it: `2026-12-01 23:59 WIB` (Indonesia's zone names),
   * or with the UTC offset elsewhere (`2026-12-01 17:59 GMT+1`).
   */
  describe(instant: Date): string {
    const wall = new Date(this.wallClockMs(instant.getTime())).toISOString();
    return `${wall.slice(0, 10)} ${wall.slice(11, 16)} ${this.zoneLabel(instant)}`;
  }

  private zoneLabel(instant: Date): string {
    const indonesian: Record<string, string> = {
      "Asia/Jakarta": "WIB",
      "Asia/Pontianak": "WIB",
      "Asia/Makassar": "WITA",
      "Asia/Jayapura": "WIT",
    };
    const named = indonesian[this.timeZone];
    if (named) return named;
    const part = new Intl.DateTimeFormat("en-US", { timeZone: this.timeZone, timeZoneName: "shortOffset" })
      .formatToParts(instant)
      .find((p) => p.type === "timeZoneName");
    return part?.value ?? this.timeZone;
  }

  /** ISO weekday (1 = Monday … 7 = Sunday) of a local date; the same everywhere on Earth. */
  isoWeekday(localDate: string): number {
    const day = new Date(requireLocalDate(localDate)).getUTCDay();
    return day === 0 ? 7 : day;
  }

  isWorkingDay(localDate: string): boolean {
    this.noteYear(localDate);
    return this.workingWeekdays.has(this.isoWeekday(localDate)) && !this.holidays.has(localDate);
  }

  private noteYear(localDate: string): void {
    if (!this.coveredYears) return;
    const year = Number(localDate.slice(0, 4));
    if (this.coveredYears.has(year) || this.reportedYears.has(year)) return;
    this.reportedYears.add(year);
    this.hooks.onUncoveredYear?.(year);
  }

  /** The first instant of a local day (rule 6). */
  startOfLocalDay(localDate: string): Date {
    const midnight = requireLocalDate(localDate);
    // Two rounds of "wall time minus offset" land on local midnight even when the offset at the
    // first guess differs from the offset at midnight (a DST change within a day of it).
    let t = midnight - this.offsetMs(midnight);
    t = midnight - this.offsetMs(t);
    if (this.dateAt(t) === localDate && this.dateAt(t - 1) < localDate) return new Date(t);
    // Midnight is skipped (or the whole day is, as in Pacific/Apia on 2011-12-30): search for the
    // first instant whose local date is on or after this one. Offsets lie within ±14 h, so the
    // bounds keep the invariant dateAt(lo) < localDate ≤ dateAt(hi).
    let lo = midnight - 26 * HOUR_MS;
    let hi = midnight + 26 * HOUR_MS;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.dateAt(mid) >= localDate) hi = mid;
      else lo = mid;
    }
    return new Date(hi);
  }

  /** The last millisecond of a local day: 23:59:59.999 local (rules 2 and 5). */
  endOfLocalDay(localDate: string): Date {
    const next = civilDate(requireLocalDate(localDate) + DAY_MS);
    return new Date(this.startOfLocalDay(next).getTime() - 1);
  }

  /** The Nth working day strictly after a local date (n ≥ 1), or the date itself for n = 0. */
  nthWorkingDayAfter(localDate: string, n: number): string {
    requireDayCount(n, "n");
    let ms = requireLocalDate(localDate);
    for (let found = 0; found < n; ) {
      ms += DAY_MS;
      if (this.isWorkingDay(civilDate(ms))) found++;
    }
    return civilDate(ms);
  }

  /**
   * Deadline N working days after `instant`: the end of the Nth working day strictly after the
   * instant's local date (rules 2 and 3).
   * @throws RangeError unless n is an integer in 0..100000
   */
  addWorkingDays(instant: Date, n: number): Date {
    return this.endOfLocalDay(this.nthWorkingDayAfter(this.localDate(instant), n));
  }

  /** Working days strictly after a's local date that have fully elapsed by b (rule 4). */
  workingDaysBetween(a: Date, b: Date): number {
    if (b.getTime() <= a.getTime()) return 0;
    const from = this.localDate(a);
    const to = this.localDate(b);
    let count = 0;
    for (let ms = requireLocalDate(from) + DAY_MS; civilDate(ms) < to; ms += DAY_MS) {
      if (this.isWorkingDay(civilDate(ms))) count++;
    }
    // b's own day has elapsed only at its very last millisecond.
    if (to > from && this.isWorkingDay(to) && b.getTime() === this.endOfLocalDay(to).getTime()) count++;
    return count;
  }

  /**
   * Calendar-day deadline: the end of the local date N days after the instant's local date
   * (rule 5). Used for the 30-day hold expiry and the 60-day resolution clock.
   * @throws RangeError unless n is an integer in 0..100000
   */
  addDays(instant: Date, n: number): Date {
    requireDayCount(n, "n");
    return this.endOfLocalDay(civilDate(requireLocalDate(this.localDate(instant)) + n * DAY_MS));
  }

  /** Local wall-clock time of an instant, as milliseconds read as if UTC (whole seconds). */
  private wallClockMs(ms: number): number {
    if (!Number.isFinite(ms)) throw new RangeError("Invalid Date");
    if (ms < MIN_SUPPORTED_MS || ms > MAX_SUPPORTED_MS) {
      throw new RangeError(`${new Date(ms).toISOString()} is outside the supported years 1000–9999`);
    }
    const parts: Record<string, number> = {};
    for (const part of this.formatter.formatToParts(ms)) {
      if (part.type !== "literal") parts[part.type] = Number(part.value);
    }
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
    return Date.UTC(year, month - 1, day, hour, minute, second);
  }

  /** UTC offset in force at an instant (local minus UTC), to the second. */
  private offsetMs(ms: number): number {
    return this.wallClockMs(ms) - Math.floor(ms / 1000) * 1000;
  }

  private dateAt(ms: number): string {
    return civilDate(this.wallClockMs(ms));
  }
}

function requireLocalDate(localDate: string): number {
  const ms = civilMs(localDate);
  if (ms === undefined) throw new RangeError(`"${localDate}" is not a local date written YYYY-MM-DD`);
  return ms;
}

function requireDayCount(n: number, name: string): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_DAYS) {
    throw new RangeError(`${name} must be an integer from 0 to ${MAX_DAYS}, got ${n}`);
  }
}
