/**
 * Recompute the agency counters from the reports (`npm run stats:rebuild`): for a deployment that
 * had no counters yet, and to prove the live counters right.
 *
 * Input: the first month to check (`from`, YYYY-MM; default every month). Output: how many reports
 * were read and how many of them had a contribution missing or different, and every counter that
 * differed from the reports' sum (month counters from `from` on, and the live counters), each then
 * corrected.
 * Steps: page through every report (the root's inbox index, status by status: no scan), bringing
 * each one's contribution up to date exactly as the stream consumer does (same ledger, same
 * conditions, so it is safe while the system runs and safe to re-run); add the contributions up;
 * read every agency's counters and correct those that differ. A change made while the rebuild
 * runs may show as a difference that the next run no longer reports.
 */
import {
  addInto,
  type Contributions,
  counterKey,
  difference,
  LIVE,
  parseCounterKey,
} from "../domain/figures";
import { REPORT_STATUSES } from "../domain/report";
import { type ApplyFiguresPorts, reconcileFigures } from "./apply-figures";

export interface RebuildOutcome {
  readonly reports: number;
  /** Reports whose applied contribution was missing or different (now fixed). */
  readonly reconciled: number;
  readonly countersChecked: number;
  readonly differences: readonly {
    readonly agencyId: string;
    readonly period: string;
    readonly field: string;
    readonly expected: number;
    readonly found: number;
  }[];
}

const PAGE = 100;

export async function rebuildFigures(
  ports: ApplyFiguresPorts,
  options: { readonly from?: string; readonly progress?: (line: string) => void } = {},
): Promise<RebuildOutcome> {
  const from = options.from ?? "0000-01";
  const progress = options.progress ?? (() => {});
  const directory = await ports.directory.load({ fresh: true });
  const root = directory.root().id;
  const expected: Contributions = {};
  let reports = 0;
  let reconciled = 0;
  for (const status of REPORT_STATUSES) {
    let cursor: string | undefined;
    do {
      const page = await ports.reports.inbox({
        agencyId: root,
        depth: 0,
        status,
        limit: PAGE,
        ...(cursor !== undefined && { cursor }),
      });
      for (const report of page.reports) {
        const { outcome, contributions } = await reconcileFigures(ports, report.trackingId);
        if (outcome === "applied") reconciled++;
        addInto(expected, keepFrom(contributions, from));
        reports++;
      }
      cursor = page.cursor;
      progress(`${reports} reports read (${status}), ${reconciled} brought up to date`);
    } while (cursor !== undefined);
  }

  // Compare every agency's counters with the sum of the reports' contributions.
  const agencyIds = directory.listAgencies().map((agency) => agency.id);
  const [months, live] = await Promise.all([
    ports.figures.months(agencyIds, from, "9999-12"),
    ports.figures.live(agencyIds),
  ]);
  const found: Contributions = {};
  for (const agencyId of agencyIds) {
    for (const [month, counters] of months.get(agencyId) ?? []) found[counterKey(agencyId, month)] = counters;
    const liveCounters = live.get(agencyId);
    if (liveCounters) found[counterKey(agencyId, LIVE)] = liveCounters;
  }
  const correction = difference(expected, found);
  const differences = Object.entries(correction).flatMap(([key, fields]) => {
    const { agencyId, period } = parseCounterKey(key);
    return Object.entries(fields).map(([field, change]) => {
      const was = found[key]?.[field] ?? 0;
      return { agencyId, period, field, expected: was + (change ?? 0), found: was };
    });
  });
  if (differences.length > 0) await ports.figures.adjust(correction);
  progress(`${Object.keys(found).length} counters checked, ${differences.length} fields differed`);
  return { reports, reconciled, countersChecked: Object.keys(found).length, differences };
}

function keepFrom(contributions: Contributions, from: string): Contributions {
  return Object.fromEntries(
    Object.entries(contributions).filter(([key]) => {
      const { period } = parseCounterKey(key);
      return period === LIVE || period >= from;
    }),
  );
}
