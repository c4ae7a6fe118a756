/**
 * Service-level clocks of PRODUCT.md §4: which policy applies to a report, and when each clock
 * falls due. Pure: instants are passed in and counted on a `WorkingCalendar` (see its header for
 * what "N working days from X" means: the end of the Nth working day after X's local date).
 *
 * Policy resolution, field by field: category override > nearest agency override > base. The
 * agency path runs root → assigned agency, so each field is taken from the deepest agency that
 * sets it (a regency's own value beats its province's), and a category override (say, a
 * disaster-relief category with a 1-day verification) beats every agency. Overrides are partial:
 * a field nobody overrides keeps the base value.
 *
 * Clocks and their anchors:
 * | clock                  | from                              | unit          |
 * |------------------------|-----------------------------------|---------------|
 * | verification           | submittedAt                       | working days  |
 * | first follow-up        | dispatchedAt (to the agency)      | working days  |
 * | escalation grace       | first follow-up due               | working days  |
 * | auto-resolve           | final follow-up publishedAt       | working days  |
 * | hold expiry            | heldAt                            | calendar days |
 * | resolution             | verifiedAt                        | calendar days |
 *
 * Pause rule (`resumeAfterHold`): while a report is on hold (Ditunda) the verification clock
 * stops. The deadline moves later by the number of working days after the local date of heldAt
 * up to and including the local date of resumedAt. The day the hold starts stays the agency's
 * (it had part of it); the resumption day is treated like a fresh submission day and not charged
 * to the agency. Equivalently: the working days that were left after the hold day are counted
 * again from the resumption, exactly as a new submission would be. A hold started and lifted on
 * the same day therefore changes nothing, and repeated short holds cannot stretch a deadline
 * beyond the working days that actually passed. A hold placed at or after the deadline does not
 * revive an expired clock: the deadline is returned unchanged.
 */
import type { WorkingCalendar } from "./calendar";
import type { ConfigProblem } from "./errors";
import * as z from "./zod";

export interface SlaPolicy {
  /** Verification + disposition, working days from submission (LAPOR! rules). @default 3 */
  readonly verificationWorkingDays: number;
  /** First follow-up, working days from disposition to the agency (LAPOR! rules). @default 5 */
  readonly firstFollowUpWorkingDays: number;
  /** Reporter silence after a final follow-up before auto-resolution, working days. @default 10 */
  readonly autoResolveWorkingDays: number;
  /** Calendar days a reporter has to complete information on hold (Ombudsman practice). @default 30 */
  readonly holdExpiryDays: number;
  /** Calendar days from verification to resolution (Perpres 76/2013). @default 60 */
  readonly resolutionDays: number;
  /** Working days after an overdue first follow-up before the parent agency is alerted. @default 2 */
  readonly escalationGraceWorkingDays: number;
}

export const DEFAULT_SLA: SlaPolicy = Object.freeze({
  verificationWorkingDays: 3,
  firstFollowUpWorkingDays: 5,
  autoResolveWorkingDays: 10,
  holdExpiryDays: 30,
  resolutionDays: 60,
  escalationGraceWorkingDays: 2,
});

export interface SlaOverrides {
  /** Keyed by agency id. */
  readonly byAgency?: Readonly<Record<string, Partial<SlaPolicy>>>;
  /** Keyed by category code. */
  readonly byCategory?: Readonly<Record<string, Partial<SlaPolicy>>>;
}

/**
 * Invalid policy or override; `details` name each offending field by dotted path
 * (`byAgency.kab-bogor.resolutionDays`). A deployer's configuration error, never an API answer.
 */
export class SlaPolicyError extends Error {
  override readonly name = "SlaPolicyError";
  constructor(readonly details: readonly ConfigProblem[]) {
    super(`Invalid SLA policy: ${details.map((d) => `${d.field}: ${d.message}`).join("; ")}`);
  }
}

const SLA_FIELDS = [
  "verificationWorkingDays",
  "firstFollowUpWorkingDays",
  "autoResolveWorkingDays",
  "holdExpiryDays",
  "resolutionDays",
  "escalationGraceWorkingDays",
] as const satisfies readonly (keyof SlaPolicy)[];

// A deadline of zero days would be due at the end of the event's own day, which no agency can
// plan for; the upper bound matches the calendar's guard against runaway counts.
const durationSchema = z
  .int()
  .check(z.gte(1, "must be at least 1 day"), z.lte(3660, "must be at most 3660 days"));

export const slaPolicySchema = z.strictObject({
  verificationWorkingDays: durationSchema,
  firstFollowUpWorkingDays: durationSchema,
  autoResolveWorkingDays: durationSchema,
  holdExpiryDays: durationSchema,
  resolutionDays: durationSchema,
  escalationGraceWorkingDays: durationSchema,
});

// Strict so that a misspelt field in configuration fails at boot instead of being ignored.
const partialPolicySchema = z.partial(slaPolicySchema);

/** Partial policies keyed by agency id or category code. */
export const slaOverridesByKeySchema = z.record(z.string(), partialPolicySchema);

export const slaOverridesSchema = z.strictObject({
  byAgency: z.optional(slaOverridesByKeySchema),
  byCategory: z.optional(slaOverridesByKeySchema),
});

/** Validates overrides read from configuration. @throws SlaPolicyError naming each field */
export function parseSlaOverrides(input: unknown): SlaOverrides {
  const parsed = slaOverridesSchema.safeParse(input);
  if (!parsed.success) {
    throw new SlaPolicyError(
      parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join("."),
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}

/**
 * The policy for a report: base, then agency overrides root → leaf, then the category override,
 * field by field (see header). Record lookups use own keys only, so an id such as "constructor"
 * cannot pick up Object.prototype.
 * @param agencyPath agency ids from the root to the assigned agency (empty when unassigned)
 * @throws SlaPolicyError naming the override (e.g. `byAgency.kab-bogor.resolutionDays`) that
 *         produced an invalid value
 */
export function resolveSlaPolicy(
  base: SlaPolicy,
  overrides: SlaOverrides,
  agencyPath: readonly string[],
  categoryCode: string | undefined,
): SlaPolicy {
  const resolved = pick(base);
  const source: Record<keyof SlaPolicy, string> = Object.fromEntries(
    SLA_FIELDS.map((field) => [field, `base.${field}`]),
  ) as Record<keyof SlaPolicy, string>;
  const apply = (override: Partial<SlaPolicy> | undefined, label: string): void => {
    if (!override) return;
    for (const field of SLA_FIELDS) {
      const value = override[field];
      if (value === undefined) continue;
      resolved[field] = value;
      source[field] = `${label}.${field}`;
    }
  };
  for (const agencyId of agencyPath) apply(ownValue(overrides.byAgency, agencyId), `byAgency.${agencyId}`);
  if (categoryCode !== undefined) {
    apply(ownValue(overrides.byCategory, categoryCode), `byCategory.${categoryCode}`);
  }
  const parsed = slaPolicySchema.safeParse(resolved);
  if (!parsed.success) {
    throw new SlaPolicyError(
      parsed.error.issues.map((issue) => {
        const field = issue.path[0] as keyof SlaPolicy;
        return { field: source[field] ?? String(field), message: issue.message };
      }),
    );
  }
  return Object.freeze(parsed.data);
}

/** Verification + disposition due: working days from submission. */
export function verificationDue(submittedAt: Date, policy: SlaPolicy, calendar: WorkingCalendar): Date {
  return calendar.addWorkingDays(submittedAt, policy.verificationWorkingDays);
}

/** First follow-up due: working days from disposition to the agency. */
export function firstFollowUpDue(dispatchedAt: Date, policy: SlaPolicy, calendar: WorkingCalendar): Date {
  return calendar.addWorkingDays(dispatchedAt, policy.firstFollowUpWorkingDays);
}

/**
 * When an overdue first follow-up escalates past the reminder to the parent agency: the grace
 * period in working days after the first follow-up deadline.
 */
export function escalationDue(firstFollowUpDueAt: Date, policy: SlaPolicy, calendar: WorkingCalendar): Date {
  return calendar.addWorkingDays(firstFollowUpDueAt, policy.escalationGraceWorkingDays);
}

/** Auto-resolve due: working days of reporter silence after the final follow-up was published. */
export function autoResolveDue(
  finalFollowUpPublishedAt: Date,
  policy: SlaPolicy,
  calendar: WorkingCalendar,
): Date {
  return calendar.addWorkingDays(finalFollowUpPublishedAt, policy.autoResolveWorkingDays);
}

/** Hold expiry (then archived as withdrawn): calendar days from the hold. */
export function holdExpiry(heldAt: Date, policy: SlaPolicy, calendar: WorkingCalendar): Date {
  return calendar.addDays(heldAt, policy.holdExpiryDays);
}

/** Resolution due: calendar days from verification. */
export function resolutionDue(verifiedAt: Date, policy: SlaPolicy, calendar: WorkingCalendar): Date {
  return calendar.addDays(verifiedAt, policy.resolutionDays);
}

/**
 * The working-day deadline after a hold is lifted (pause rule in the header). Apply once per
 * hold, feeding each result into the next.
 * @throws RangeError when resumedAt is before heldAt
 */
export function resumeAfterHold(
  dueBefore: Date,
  heldAt: Date,
  resumedAt: Date,
  calendar: WorkingCalendar,
): Date {
  if (resumedAt.getTime() < heldAt.getTime()) {
    throw new RangeError("resumedAt must not be before heldAt");
  }
  if (heldAt.getTime() >= dueBefore.getTime()) return dueBefore;
  const heldDay = calendar.localDate(heldAt);
  const resumedDay = calendar.localDate(resumedAt);
  // Working days in (heldDay, resumedDay]: count by moving forward one working day at a time.
  let shift = 0;
  for (let day = calendar.nthWorkingDayAfter(heldDay, 1); day <= resumedDay; ) {
    shift++;
    day = calendar.nthWorkingDayAfter(day, 1);
  }
  if (shift === 0) return dueBefore;
  return calendar.endOfLocalDay(calendar.nthWorkingDayAfter(calendar.localDate(dueBefore), shift));
}

function pick(policy: SlaPolicy): Record<keyof SlaPolicy, number> {
  return Object.fromEntries(SLA_FIELDS.map((field) => [field, policy[field]])) as Record<
    keyof SlaPolicy,
    number
  >;
}

function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
