/**
 * The deployment's working-day calendar and SLA, from the runtime configuration (CALENDAR_JSON,
 * SLA_JSON, set by the CDK — and by `npm start` — from the stage file). Without them (unit and
 * integration tests) the defaults of PRODUCT.md §4 apply: Asia/Jakarta, Monday–Friday, Indonesia's 2026 and 2027 holidays
 * and cuti bersama, 3/5/10 working days, 30 and 60 days.
 */
import { type CalendarConfig, WorkingCalendar } from "../domain/calendar";
import type { DeadlineRules } from "../domain/deadlines";
import { holidayDates, INDONESIA_HOLIDAYS_2026, INDONESIA_HOLIDAYS_2027 } from "../domain/holidays-id";
import { DEFAULT_SLA, parseSlaOverrides, slaPolicySchema } from "../domain/sla";
import * as z from "../domain/zod";
import { logger } from "./logger";
import { ConfigError, ENV, type RuntimeConfig } from "./runtime-config";

export const DEFAULT_CALENDAR = {
  timeZone: "Asia/Jakarta",
  workingDays: [1, 2, 3, 4, 5],
  holidays: holidayDates(INDONESIA_HOLIDAYS_2026, INDONESIA_HOLIDAYS_2027),
  coveredYears: [2026, 2027],
};

/** Once per cold start and year: a deadline reckoned in a year nobody listed the holidays of. */
const warnUncoveredYear = (year: number) =>
  logger.warn("holiday list missing", {
    year,
    detail: `Deadlines in ${year} count every weekday as a working day: add ${year}'s holiday set to the stage's calendar.holidaySets.`,
  });

const SlaJson = z.catchall(z.object({ defaults: slaPolicySchema }), z.unknown());

export function deadlineRulesFrom(config: Pick<RuntimeConfig, "calendar" | "sla">): DeadlineRules {
  const calendar = new WorkingCalendar(
    config.calendar
      ? (parseJson(config.calendar, ENV.calendar) as unknown as CalendarConfig)
      : DEFAULT_CALENDAR,
    { onUncoveredYear: warnUncoveredYear },
  );
  if (!config.sla) return { calendar, sla: { defaults: DEFAULT_SLA } };
  const raw = parseJson(config.sla, ENV.sla) as Record<string, unknown>;
  const parsed = SlaJson.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      `${ENV.sla}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    );
  const { defaults: _defaults, ...overrides } = raw;
  return { calendar, sla: { defaults: parsed.data.defaults, ...parseSlaOverrides(overrides) } };
}

function parseJson(text: string, variable: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ConfigError(`${variable} is not valid JSON`);
  }
}
