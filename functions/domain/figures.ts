/**
 * Agency figures (PRODUCT.md §5): what one report contributes to each agency's counters, and how
 * counters become the rows agencies are judged on. Pure: the directory, the SLA and the calendar
 * are passed in.
 *
 * A report contributes, for every agency A whose subtree holds it now (A and each ancestor of the
 * holder, in the directory as it is now), to the cohort counters of one month: the local month in
 * which its current stay in A's subtree began. A stay begins when the report, verified, is first
 * held inside A's subtree (verification, or a dispatch into it) and lasts while it stays there —
 * re-dispatches inside the subtree do not end it; a return as "not our authority" out of it does,
 * and with it every contribution to A, so a returned report never counts against the agency that
 * returned it (a later dispatch back starts a new stay). A report also contributes to the live
 * counters of every agency above its holder — submitted or not — by status, and as overdue.
 *
 * The counters store sums and counts only, so any range of months adds up exactly, and applying a
 * report's contribution is a difference against what was applied before (the ledger), which makes
 * it idempotent and order-independent: see use-cases/apply-figures.ts.
 */
import { type DeadlineRules, scheduleOf } from "./deadlines";
import type { Agency, Directory } from "./directory";
import type { Report, TimelineEvent } from "./report";
import { REPORT_STATUSES } from "./report";
import { firstFollowUpDue, resolveSlaPolicy } from "./sla";
import type { FiguresRow } from "./views";

/** Live counters of one agency's subtree: reports by status now, and overdue ones. */
export const LIVE_FIELDS = [...REPORT_STATUSES, "overdue"] as const;

/**
 * Counters by field. Cohort counters of an agency and month: received, followedUp,
 * firstFollowUpSeconds, onTimeFirstFollowUp, resolved, resolutionSeconds, inProgress, ratings,
 * ratingSum (durations in whole seconds); live counters: one per status, and overdue.
 */
export type Counters = Partial<Record<string, number>>;

/** The period of the live counters, beside the months (YYYY-MM). */
export const LIVE = "live";

/**
 * Counters keyed by `<agencyId>@<period>`, period a month or LIVE. Only non-zero fields are kept,
 * so that two contributions compare field by field.
 */
export type Contributions = Record<string, Counters>;

export function counterKey(agencyId: string, period: string): string {
  return `${agencyId}@${period}`;
}

export function parseCounterKey(key: string): { agencyId: string; period: string } {
  const at = key.lastIndexOf("@");
  return { agencyId: key.slice(0, at), period: key.slice(at + 1) };
}

export interface FiguresContext {
  readonly directory: Directory;
  readonly rules: DeadlineRules;
}

/** What a report, with its timeline, contributes to every counter. */
export function contributionsOf(
  report: Report,
  timeline: readonly TimelineEvent[],
  ctx: FiguresContext,
): Contributions {
  const out: Contributions = {};
  const add = (key: string, field: string, amount: number) => {
    if (amount === 0) return;
    const counters = out[key] ?? {};
    counters[field] = (counters[field] ?? 0) + amount;
    out[key] = counters;
  };
  const holderPath = ctx.directory.ancestry(report.assignedAgencyId);
  const overdue = isOverdue(report, ctx.rules);
  for (const agencyId of holderPath) {
    add(counterKey(agencyId, LIVE), report.status, 1);
    if (overdue) add(counterKey(agencyId, LIVE), "overdue", 1);
  }

  const events = [...timeline].sort((a, b) => a.seq - b.seq);
  const publications = events.filter((e) => e.type === "follow_up_published").map((e) => e.at);
  for (const [agencyId, enteredAt] of staysOf(events, ctx.directory, holderPath)) {
    const key = counterKey(agencyId, ctx.rules.calendar.localDate(new Date(enteredAt)).slice(0, 7));
    add(key, "received", 1);
    const firstFollowUp = publications.find((at) => at >= enteredAt);
    if (firstFollowUp !== undefined) {
      add(key, "followedUp", 1);
      add(key, "firstFollowUpSeconds", secondsBetween(enteredAt, firstFollowUp));
      const policy = resolveSlaPolicy(
        ctx.rules.sla.defaults,
        ctx.rules.sla,
        ctx.directory.ancestry(agencyId),
        report.category,
      );
      const due = firstFollowUpDue(new Date(enteredAt), policy, ctx.rules.calendar).toISOString();
      if (firstFollowUp <= due) add(key, "onTimeFirstFollowUp", 1);
    }
    if (report.status === "in_progress") add(key, "inProgress", 1);
    if (report.status === "resolved" && report.resolvedAt !== undefined) {
      add(key, "resolved", 1);
      add(key, "resolutionSeconds", secondsBetween(enteredAt, report.resolvedAt));
      if (report.rating !== undefined) {
        add(key, "ratings", 1);
        add(key, "ratingSum", report.rating);
      }
    }
  }
  return out;
}

/**
 * When the report's current stay in each agency's subtree began, for the agencies of the holder's
 * path: a walk over the verification, dispatch and return events with each holder's ancestry as it
 * is now (so figures follow the directory after an agency moves).
 */
function staysOf(
  events: readonly TimelineEvent[],
  directory: Directory,
  holderPath: readonly string[],
): Map<string, string> {
  const entered = new Map<string, string>();
  let verified = false;
  for (const event of events) {
    if (event.type === "verified") verified = true;
    if (!verified || !MOVES.has(event.type)) continue;
    const path = directory.ancestry(event.agencyId);
    for (const agencyId of [...entered.keys()]) if (!path.includes(agencyId)) entered.delete(agencyId);
    for (const agencyId of path) if (!entered.has(agencyId)) entered.set(agencyId, event.at);
  }
  for (const agencyId of [...entered.keys()]) if (!holderPath.includes(agencyId)) entered.delete(agencyId);
  return entered;
}

const MOVES: ReadonlySet<TimelineEvent["type"]> = new Set(["verified", "dispatched", "returned"]);

function secondsBetween(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

/**
 * Overdue as the counters know it: a running clock whose first due action the sweep has applied.
 * The first level of every clock falls due at its deadline, so this is the inbox's "deadline
 * passed" as of the sweep that noticed it (every 15 minutes), and — unlike a comparison with the
 * current instant — a function of the stored report, which the rebuild can reproduce exactly.
 */
export function isOverdue(report: Report, rules: DeadlineRules): boolean {
  const { deadlines, pending } = scheduleOf(report, rules);
  return Object.keys(deadlines).some(
    (clock) => !pending.some((action) => action.clock === clock && action.level === 1),
  );
}

/** `after − before`, field by field, keeping only what changed. */
export function difference(after: Contributions, before: Contributions): Contributions {
  const out: Contributions = {};
  for (const key of new Set([...Object.keys(after), ...Object.keys(before)])) {
    const a = after[key] ?? {};
    const b = before[key] ?? {};
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const change = (a[field] ?? 0) - (b[field] ?? 0);
      if (change !== 0) out[key] = { ...out[key], [field]: change };
    }
  }
  return out;
}

/** Adds `more` into `total`, in place (the rebuild's running sum over every report). */
export function addInto(total: Contributions, more: Contributions): void {
  for (const [key, counters] of Object.entries(more)) {
    const into = total[key] ?? {};
    for (const [field, value] of Object.entries(counters)) into[field] = (into[field] ?? 0) + (value ?? 0);
    total[key] = into;
  }
}

export function isEmpty(contributions: Contributions): boolean {
  return Object.keys(contributions).length === 0;
}

/** Counters of several months added up. */
export function addUp(months: readonly Counters[]): Counters {
  const total: Counters = {};
  for (const counters of months)
    for (const [field, value] of Object.entries(counters)) total[field] = (total[field] ?? 0) + (value ?? 0);
  return total;
}

/** A percentage with one decimal (half up), null when nothing was measured. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((1000 * part) / whole) / 10;
}

function oneDecimal(total: number, count: number): number | null {
  return count === 0 ? null : Math.round((10 * total) / count) / 10;
}

const DAY_SECONDS = 86_400;

export function rowOf(
  agency: Agency,
  cohort: Counters,
  live: Counters,
  passingGradePercent: number,
): FiguresRow {
  const n = (field: string, from: Counters = cohort) => from[field] ?? 0;
  const received = n("received");
  const followedUp = n("followedUp");
  const resolved = n("resolved");
  const ratings = n("ratings");
  return {
    agencyId: agency.id,
    name: agency.name,
    level: agency.level,
    received,
    followedUp,
    followUpRate: percent(followedUp, received),
    resolved,
    resolvedRate: percent(resolved, received),
    inProgress: n("inProgress"),
    inProgressRate: percent(n("inProgress"), received),
    avgDaysToFirstFollowUp: oneDecimal(n("firstFollowUpSeconds") / DAY_SECONDS, followedUp),
    avgDaysToResolution: oneDecimal(n("resolutionSeconds") / DAY_SECONDS, resolved),
    onTimeFirstFollowUpRate: percent(n("onTimeFirstFollowUp"), received),
    overdueNow: n("overdue", live),
    ratings,
    avgRating: oneDecimal(n("ratingSum"), ratings),
    passingGradePercent,
    // The exact ratio against the grade, not the rounded percentage: 59.96% does not pass 60%.
    passed: received === 0 ? null : followedUp * 100 >= passingGradePercent * received,
  };
}

/**
 * The passing grade of an agency: its own, else the nearest ancestor's, else the deployment's.
 */
export function passingGradeOf(agencyId: string, directory: Directory, deploymentDefault: number): number {
  const path = directory.ancestry(agencyId);
  for (let i = path.length - 1; i >= 0; i--) {
    const grade = directory.agency(path[i] as string)?.passingGradePercent;
    if (grade !== undefined) return grade;
  }
  return deploymentDefault;
}

export interface Ranking {
  readonly ranked: (FiguresRow & { readonly rank: number })[];
  readonly notRanked: FiguresRow[];
}

/**
 * Siblings ranked by %TL, then on-time first follow-up rate, then volume; equal on all three share
 * a rank (1, 2, 2, 4). Those below `minReceived` reports are listed apart, unranked.
 */
export function rank(rows: readonly FiguresRow[], minReceived: number): Ranking {
  const eligible = rows.filter((row) => row.received >= minReceived && row.received > 0);
  const notRanked = rows
    .filter((row) => !eligible.includes(row))
    .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name));
  const keyOf = (row: FiguresRow) =>
    [row.followUpRate ?? -1, row.onTimeFirstFollowUpRate ?? -1, row.received] as const;
  const sorted = [...eligible].sort((a, b) => {
    const [ka, kb] = [keyOf(a), keyOf(b)];
    return kb[0] - ka[0] || kb[1] - ka[1] || kb[2] - ka[2] || a.name.localeCompare(b.name);
  });
  const ranked = sorted.map((row, i) => {
    let first = i;
    while (first > 0 && keyOf(sorted[first - 1] as FiguresRow).every((v, k) => v === keyOf(row)[k])) first--;
    return { rank: first + 1, ...row };
  });
  return { ranked, notRanked };
}
