/**
 * ISO 8601 durations for `POST /_local/clock {"advance": "P4D"}`: weeks, days, hours, minutes and
 * (fractional) seconds — `P4D`, `PT36H`, `PT90M`, `P1DT2H30M`, `P2W`, `PT0.5S`.
 *
 * Years and months are refused rather than guessed: their length depends on the date they start
 * from, and "P1M" silently meaning 30 days would put a 60-day deadline a day off. A day is 24
 * hours here (Asia/Jakarta has no DST; the calendar, not this, decides what a local day is).
 */
const PATTERN = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Milliseconds of an ISO 8601 duration. @throws RangeError naming what is wrong */
export function parseIsoDuration(text: string): number {
  const upper = text.trim().toUpperCase();
  const match = PATTERN.exec(upper);
  if (!match) {
    if (/^P\d[^T]*[YM]/.test(upper)) {
      throw new RangeError(`"${text}": years and months have no fixed length; give days, e.g. P60D`);
    }
    throw new RangeError(`"${text}" is not an ISO 8601 duration such as P4D, PT36H or P1DT2H30M`);
  }
  const [, weeks, days, hours, minutes, seconds] = match;
  const ms =
    Number(weeks ?? 0) * 7 * DAY +
    Number(days ?? 0) * DAY +
    Number(hours ?? 0) * HOUR +
    Number(minutes ?? 0) * MINUTE +
    Math.round(Number((seconds ?? "0").replace(",", ".")) * SECOND);
  if (!Number.isSafeInteger(ms)) throw new RangeError(`"${text}" is too long`);
  return ms;
}
