import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { CalendarConfigError, WorkingCalendar } from "../../../functions/domain/calendar";
import {
  holidayDates,
  INDONESIA_HOLIDAYS_2026,
  INDONESIA_HOLIDAYS_2027,
} from "../../../functions/domain/holidays-id";

const HOLIDAYS = holidayDates(INDONESIA_HOLIDAYS_2026, INDONESIA_HOLIDAYS_2027);
const jakarta = new WorkingCalendar({ timeZone: "Asia/Jakarta", holidays: HOLIDAYS });
const jayapura = new WorkingCalendar({ timeZone: "Asia/Jayapura", holidays: HOLIDAYS });
const makassar = new WorkingCalendar({ timeZone: "Asia/Makassar", holidays: HOLIDAYS });
const amsterdam = new WorkingCalendar({ timeZone: "Europe/Amsterdam", holidays: [] });

const at = (iso: string): Date => new Date(iso);
const iso = (d: Date): string => d.toISOString();

/** Instants in 2026–2027, the years the holiday list covers. */
const instant2026 = fc.date({
  min: at("2026-01-01T00:00:00Z"),
  max: at("2026-12-31T23:59:59.999Z"),
  noInvalidDate: true,
});
const anyInstant = fc.date({
  min: at("1990-01-01T00:00:00Z"),
  max: at("2060-12-31T00:00:00Z"),
  noInvalidDate: true,
});
const zone = fc.constantFrom(
  "Asia/Jakarta",
  "Asia/Makassar",
  "Asia/Jayapura",
  "Europe/Amsterdam",
  "America/Santiago",
  "America/St_Johns",
  "Pacific/Kiritimati",
  "Pacific/Pago_Pago",
  "Australia/Sydney",
);
const calendars = new Map<string, WorkingCalendar>();
const calendarIn = (timeZone: string): WorkingCalendar => {
  let calendar = calendars.get(timeZone);
  if (!calendar) {
    calendar = new WorkingCalendar({ timeZone, holidays: HOLIDAYS });
    calendars.set(timeZone, calendar);
  }
  return calendar;
};

describe("WorkingCalendar configuration", () => {
  it("defaults to Asia/Jakarta and Monday–Friday", () => {
    const calendar = new WorkingCalendar({ holidays: [] });

    expect(calendar.timeZone).toBe("Asia/Jakarta");
    expect(calendar.workingDays).toEqual([1, 2, 3, 4, 5]);
  });

  it("rejects an unknown time zone, naming the field", () => {
    expect(() => new WorkingCalendar({ timeZone: "Asia/Bandung", holidays: [] })).toThrowError(
      /timeZone: must be an IANA time zone/,
    );
  });

  it("rejects a malformed or impossible holiday date, naming its index", () => {
    const attempt = () => new WorkingCalendar({ holidays: ["2026-01-01", "2026-02-30", "17/08/2026"] });

    expect(attempt).toThrowError(CalendarConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as CalendarConfigError).details.map((d) => d.field)).toEqual([
        "holidays.1",
        "holidays.2",
      ]);
      expect((error as CalendarConfigError).message).toMatch(/^Invalid calendar configuration: holidays\.1/);
    }
  });

  it("rejects weekdays outside 1–7 and an empty working week", () => {
    expect(() => new WorkingCalendar({ workingDays: [0, 1], holidays: [] })).toThrowError(/workingDays\.0: /);
    expect(() => new WorkingCalendar({ workingDays: [], holidays: [] })).toThrowError(/workingDays: /);
  });

  it("rejects a negative or fractional day count and an invalid instant", () => {
    expect(() => jakarta.addWorkingDays(at("2026-03-13T03:00:00Z"), -1)).toThrowError(RangeError);
    expect(() => jakarta.addDays(at("2026-03-13T03:00:00Z"), 1.5)).toThrowError(RangeError);
    expect(() => jakarta.localDate(new Date(Number.NaN))).toThrowError(RangeError);
    expect(() => jakarta.isWorkingDay("2026-3-1")).toThrowError(RangeError);
  });
});

describe("local dates across zones", () => {
  it("puts one instant on different dates in WIB, WITA and WIT", () => {
    const lateEveningWib = at("2026-03-05T16:30:00Z"); // Thu 23:30 WIB, Fri 00:30 WITA, Fri 01:30 WIT

    expect(jakarta.localDate(lateEveningWib)).toBe("2026-03-05");
    expect(makassar.localDate(lateEveningWib)).toBe("2026-03-06");
    expect(jayapura.localDate(lateEveningWib)).toBe("2026-03-06");
  });

  it("follows Amsterdam across both 2026 DST changes", () => {
    // Spring forward on Sun 29 March at 01:00 UTC: a 23-hour day.
    expect(amsterdam.localDate(at("2026-03-28T22:59:59.999Z"))).toBe("2026-03-28");
    expect(amsterdam.localDate(at("2026-03-28T23:00:00.000Z"))).toBe("2026-03-29");
    expect(amsterdam.localDate(at("2026-03-29T21:59:59.999Z"))).toBe("2026-03-29");
    expect(amsterdam.localDate(at("2026-03-29T22:00:00.000Z"))).toBe("2026-03-30");
    expect(iso(amsterdam.startOfLocalDay("2026-03-29"))).toBe("2026-03-28T23:00:00.000Z");
    expect(iso(amsterdam.endOfLocalDay("2026-03-29"))).toBe("2026-03-29T21:59:59.999Z");
    // Fall back on Sun 25 October at 01:00 UTC: a 25-hour day.
    expect(iso(amsterdam.startOfLocalDay("2026-10-25"))).toBe("2026-10-24T22:00:00.000Z");
    expect(iso(amsterdam.endOfLocalDay("2026-10-25"))).toBe("2026-10-25T22:59:59.999Z");
  });

  it("starts Sydney's fall-back day at midnight daylight time (5 April 2026)", () => {
    // DST ends at 03:00 AEDT (16:00 UTC on the 4th), so midnight itself is still UTC+11; an
    // offset read at the wrong side of the change would start the day an hour late.
    const sydney = new WorkingCalendar({ timeZone: "Australia/Sydney", holidays: [] });

    expect(iso(sydney.startOfLocalDay("2026-04-05"))).toBe("2026-04-04T13:00:00.000Z");
    expect(iso(sydney.endOfLocalDay("2026-04-05"))).toBe("2026-04-05T13:59:59.999Z");
  });

  it("starts a day at 01:00 where DST skips midnight (Santiago, 6 September 2026)", () => {
    const santiago = new WorkingCalendar({ timeZone: "America/Santiago", holidays: [] });

    const start = santiago.startOfLocalDay("2026-09-06");

    expect(iso(start)).toBe("2026-09-06T04:00:00.000Z");
    expect(santiago.localDate(new Date(start.getTime() - 1))).toBe("2026-09-05");
    expect(iso(santiago.endOfLocalDay("2026-09-05"))).toBe("2026-09-06T03:59:59.999Z");
  });

  it("skips a day that a zone never had (Pacific/Apia, 30 December 2011)", () => {
    const apia = new WorkingCalendar({ timeZone: "Pacific/Apia", holidays: [] });

    expect(iso(apia.startOfLocalDay("2011-12-30"))).toBe(iso(apia.startOfLocalDay("2011-12-31")));
    expect(apia.localDate(apia.endOfLocalDay("2011-12-29"))).toBe("2011-12-29");
  });
});

describe("addWorkingDays with the 2026 Indonesian holidays", () => {
  it("counts a Friday report across Nyepi and Idul Fitri: due end of Wed 25 March", () => {
    // Fri 13 March 10:00 WIB. Mon 16 and Tue 17 count; 18 (cuti Nyepi), 19 (Nyepi), 20 (cuti),
    // 21–22 (Idul Fitri, weekend), 23–24 (cuti Idul Fitri) do not; Wed 25 is the third.
    const due = jakarta.addWorkingDays(at("2026-03-13T03:00:00Z"), 3);

    expect(iso(due)).toBe("2026-03-25T16:59:59.999Z"); // 23:59:59.999 WIB
  });

  it("gives a Saturday report Mon, Tue, Wed: due end of Wednesday", () => {
    const due = jakarta.addWorkingDays(at("2026-03-07T04:00:00+07:00"), 3);

    expect(jakarta.localDate(due)).toBe("2026-03-11");
    expect(iso(due)).toBe("2026-03-11T16:59:59.999Z");
  });

  it("gives a Friday report the same due date as a Saturday one", () => {
    const friday = jakarta.addWorkingDays(at("2026-03-06T10:00:00+07:00"), 3);
    const saturday = jakarta.addWorkingDays(at("2026-03-07T23:00:00+07:00"), 3);

    expect(iso(friday)).toBe(iso(saturday));
  });

  it("skips Ascension Day and its cuti bersama", () => {
    // Dispatched Tue 12 May: Wed 13, [Thu 14 Kenaikan, Fri 15 cuti], Mon 18, Tue 19, Wed 20, Thu 21.
    expect(jakarta.localDate(jakarta.addWorkingDays(at("2026-05-12T09:00:00+07:00"), 5))).toBe("2026-05-21");
  });

  it("skips Idul Adha, its cuti bersama and Hari Lahir Pancasila", () => {
    // Dispatched Mon 25 May: Tue 26, [27 Idul Adha, 28 cuti], Fri 29, [1 June Pancasila], 2, 3, 4 June.
    expect(jakarta.localDate(jakarta.addWorkingDays(at("2026-05-25T14:00:00+07:00"), 5))).toBe("2026-06-04");
  });

  it("skips Christmas Eve cuti bersama and Christmas", () => {
    expect(jakarta.localDate(jakarta.addWorkingDays(at("2026-12-23T08:00:00+07:00"), 3))).toBe("2026-12-30");
  });

  it("reckons the same instant per zone: WIB Thursday night is already Friday in WIT", () => {
    const lateEveningWib = at("2026-03-05T16:30:00Z");

    expect(iso(jakarta.addWorkingDays(lateEveningWib, 3))).toBe("2026-03-10T16:59:59.999Z");
    expect(iso(jayapura.addWorkingDays(lateEveningWib, 3))).toBe("2026-03-11T14:59:59.999Z");
  });

  it("returns the end of the start's own day for n = 0, even on a weekend", () => {
    expect(iso(jakarta.addWorkingDays(at("2026-03-14T10:00:00+07:00"), 0))).toBe("2026-03-14T16:59:59.999Z");
  });
});

describe("workingDaysBetween", () => {
  const submitted = at("2026-03-13T10:00:00+07:00");

  it("counts only working days that have fully elapsed", () => {
    expect(jakarta.workingDaysBetween(submitted, at("2026-03-16T23:59:59.998+07:00"))).toBe(0);
    expect(jakarta.workingDaysBetween(submitted, at("2026-03-16T23:59:59.999+07:00"))).toBe(1);
    expect(jakarta.workingDaysBetween(submitted, at("2026-03-24T12:00:00+07:00"))).toBe(2);
    expect(jakarta.workingDaysBetween(submitted, at("2026-03-26T00:00:00+07:00"))).toBe(3);
  });

  it("measures 'overdue by N working days' from a deadline", () => {
    const due = jakarta.addWorkingDays(submitted, 3); // end of Wed 25 March

    expect(jakarta.workingDaysBetween(due, at("2026-03-27T12:00:00+07:00"))).toBe(1);
    expect(jakarta.workingDaysBetween(due, at("2026-03-30T08:00:00+07:00"))).toBe(2);
  });

  it("is 0 when b is not after a", () => {
    expect(jakarta.workingDaysBetween(submitted, submitted)).toBe(0);
    expect(jakarta.workingDaysBetween(submitted, at("2026-01-01T00:00:00Z"))).toBe(0);
  });
});

describe("addDays (calendar-day clocks)", () => {
  it("ends 30 local days after the hold, whatever the DST change in between", () => {
    expect(iso(jakarta.addDays(at("2026-03-13T10:00:00+07:00"), 30))).toBe("2026-04-12T16:59:59.999Z");
    // Amsterdam: 1 March (CET) + 30 days = 31 March, which ends at 23:59:59.999 CEST.
    expect(iso(amsterdam.addDays(at("2026-03-01T12:00:00+01:00"), 30))).toBe("2026-03-31T21:59:59.999Z");
  });
});

describe("laws", () => {
  const runs = { numRuns: 150 };

  it("addWorkingDays(t, 0) is the end of t's local day, never before t", () => {
    fc.assert(
      fc.property(zone, anyInstant, (timeZone, t) => {
        const calendar = calendarIn(timeZone);
        const due = calendar.addWorkingDays(t, 0);
        expect(due.getTime()).toBe(calendar.endOfLocalDay(calendar.localDate(t)).getTime());
        expect(due.getTime()).toBeGreaterThanOrEqual(t.getTime());
        expect(calendar.localDate(new Date(due.getTime() + 1)) > calendar.localDate(t)).toBe(true);
      }),
      runs,
    );
  });

  it("for n ≥ 1, addWorkingDays lands on the last millisecond of a working day after t's day", () => {
    fc.assert(
      fc.property(zone, anyInstant, fc.integer({ min: 1, max: 40 }), (timeZone, t, n) => {
        const calendar = calendarIn(timeZone);
        const due = calendar.addWorkingDays(t, n);
        const dueDay = calendar.localDate(due);
        expect(calendar.isWorkingDay(dueDay)).toBe(true);
        expect(dueDay > calendar.localDate(t)).toBe(true);
        expect(calendar.localDate(new Date(due.getTime() + 1)) > dueDay).toBe(true);
      }),
      runs,
    );
  });

  it("is strictly monotonic in n", () => {
    fc.assert(
      fc.property(
        zone,
        anyInstant,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        (timeZone, t, n, gap) => {
          const calendar = calendarIn(timeZone);
          expect(calendar.addWorkingDays(t, n).getTime()).toBeLessThan(
            calendar.addWorkingDays(t, n + gap).getTime(),
          );
        },
      ),
      runs,
    );
  });

  it("workingDaysBetween is the inverse: ≥ n exactly when b ≥ addWorkingDays(a, n)", () => {
    fc.assert(
      fc.property(zone, instant2026, fc.integer({ min: 1, max: 25 }), (timeZone, a, n) => {
        const calendar = calendarIn(timeZone);
        const due = calendar.addWorkingDays(a, n);
        expect(calendar.workingDaysBetween(a, due)).toBe(n);
        expect(calendar.workingDaysBetween(a, new Date(due.getTime() - 1))).toBe(n - 1);
      }),
      runs,
    );
    fc.assert(
      fc.property(instant2026, instant2026, fc.integer({ min: 1, max: 25 }), (a, b, n) => {
        expect(jakarta.workingDaysBetween(a, b) >= n).toBe(
          b.getTime() >= jakarta.addWorkingDays(a, n).getTime(),
        );
      }),
      runs,
    );
  });

  it("never lands on a weekend, national holiday or cuti bersama across a year", () => {
    const closed = new Set(HOLIDAYS);
    fc.assert(
      fc.property(instant2026, fc.integer({ min: 1, max: 250 }), (t, n) => {
        const dueDay = jakarta.localDate(jakarta.addWorkingDays(t, n));
        const weekday = new Date(`${dueDay}T00:00:00Z`).getUTCDay();
        expect(closed.has(dueDay)).toBe(false);
        expect(weekday === 0 || weekday === 6).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it("addDays(t, n) ends on the local date n days after t's, monotonically", () => {
    fc.assert(
      fc.property(zone, anyInstant, fc.integer({ min: 0, max: 400 }), (timeZone, t, n) => {
        const calendar = calendarIn(timeZone);
        const due = calendar.addDays(t, n);
        const expected = new Date(Date.parse(`${calendar.localDate(t)}T00:00:00Z`) + n * 86_400_000);
        expect(calendar.localDate(due)).toBe(expected.toISOString().slice(0, 10));
        expect(due.getTime()).toBe(calendar.endOfLocalDay(calendar.localDate(due)).getTime());
        expect(calendar.addDays(t, n + 1).getTime()).toBeGreaterThan(due.getTime());
      }),
      runs,
    );
  });

  it("local days tile time: each starts 1 ms after the previous one ends", () => {
    fc.assert(
      fc.property(zone, anyInstant, (timeZone, t) => {
        const calendar = calendarIn(timeZone);
        const day = calendar.localDate(t);
        const start = calendar.startOfLocalDay(day).getTime();
        const end = calendar.endOfLocalDay(day).getTime();
        expect(start).toBeLessThanOrEqual(t.getTime());
        expect(end).toBeGreaterThanOrEqual(t.getTime());
        expect(calendar.localDate(new Date(start - 1)) < day).toBe(true);
        expect(calendar.localDate(new Date(end + 1)) > day).toBe(true);
      }),
      runs,
    );
  });
});

describe("time-zone correctness against independent oracles", () => {
  const runs = { numRuns: 200 };
  const since1990 = fc.date({
    min: at("1990-01-01T00:00:00Z"),
    max: at("2090-01-01T00:00:00Z"),
    noInvalidDate: true,
  });
  const shifted = (t: Date, hours: number): string => new Date(t.getTime() + hours * 3_600_000).toISOString();

  it("matches the fixed offsets of WIB (+7), WITA (+8) and WIT (+9)", () => {
    fc.assert(
      fc.property(since1990, (t) => {
        expect(jakarta.localDate(t)).toBe(shifted(t, 7).slice(0, 10));
        expect(makassar.localDate(t)).toBe(shifted(t, 8).slice(0, 10));
        expect(jayapura.localDate(t)).toBe(shifted(t, 9).slice(0, 10));
        const day = jakarta.localDate(t);
        expect(iso(jakarta.endOfLocalDay(day))).toBe(
          new Date(Date.parse(`${day}T23:59:59.999+07:00`)).toISOString(),
        );
      }),
      runs,
    );
  });

  it("matches the EU summer-time rule in Amsterdam (last Sunday of March/October, 01:00 UTC)", () => {
    const lastSundayAt0100Utc = (year: number, month: number): number => {
      const lastDay = new Date(Date.UTC(year, month + 1, 0));
      return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
    };
    fc.assert(
      fc.property(
        fc.date({ min: at("1997-01-01T00:00:00Z"), max: at("2037-12-31T00:00:00Z"), noInvalidDate: true }),
        (t) => {
          const year = t.getUTCFullYear();
          const summer =
            t.getTime() >= lastSundayAt0100Utc(year, 2) && t.getTime() < lastSundayAt0100Utc(year, 9);
          expect(amsterdam.localDate(t)).toBe(shifted(t, summer ? 2 : 1).slice(0, 10));
        },
      ),
      runs,
    );
  });
});

describe("independence from the host time zone", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it("computes the same deadlines whatever process.env.TZ says", () => {
    const cases = fc.sample(fc.tuple(zone, anyInstant, fc.integer({ min: 0, max: 30 })), {
      numRuns: 40,
      seed: 7,
    });
    const compute = () =>
      cases.map(([timeZone, t, n]) => {
        const calendar = new WorkingCalendar({ timeZone, holidays: HOLIDAYS });
        return [calendar.localDate(t), iso(calendar.addWorkingDays(t, n)), iso(calendar.addDays(t, n))].join(
          " ",
        );
      });
    const reference = compute();

    for (const hostZone of ["UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Asia/Kathmandu"]) {
      process.env.TZ = hostZone;
      // Guard: the host zone really changed, or this test could not fail.
      if (hostZone !== "UTC") expect(new Date("2026-01-15T00:00:00Z").getTimezoneOffset()).not.toBe(0);
      expect(compute()).toEqual(reference);
    }
  });
});

describe("describe", () => {
  it("shows an instant as people in the zone read it", () => {
    const at = new Date("2026-11-30T16:59:59.999Z");
    expect(new WorkingCalendar({ timeZone: "Asia/Jakarta", holidays: [] }).describe(at)).toBe(
      "2026-11-30 23:59 WIB",
    );
    expect(new WorkingCalendar({ timeZone: "Asia/Jayapura", holidays: [] }).describe(at)).toBe(
      "2026-12-01 01:59 WIT",
    );
    expect(new WorkingCalendar({ timeZone: "Europe/Amsterdam", holidays: [] }).describe(at)).toBe(
      "2026-11-30 17:59 GMT+1",
    );
  });
});
