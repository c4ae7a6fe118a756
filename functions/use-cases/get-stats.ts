/**
 * Public figures of an agency and its children for a range of months (PRODUCT.md §5).
 *
 * Input: `{agencyId?, from?, to?}` (default: the root, the current local month). Output: the
 * period, the agency's passing grade, its row, one row per child and the agency's row month by
 * month. Reads one Query of counters per agency and one BatchGet of live counters: the work is
 * agencies × months, never reports.
 */
import type { DeadlineRules } from "../domain/deadlines";
import { type Agency, agencyNotFound, type Directory } from "../domain/directory";
import { addUp, passingGradeOf, rowOf } from "../domain/figures";
import { monthsOf } from "../domain/public-listing";
import type { FiguresRow, Stats } from "../domain/views";
import type { Clock, DirectoryRepository, FiguresStore } from "./ports";

export interface FiguresSettings {
  /** The deployment's passing grade for %TL (stage configuration). @default 60 */
  readonly passingGradePercent: number;
  /** Children below this many received reports are not ranked. @default 10 */
  readonly rankingMinReceived: number;
}

export interface StatsPorts {
  readonly directory: DirectoryRepository;
  readonly figures: FiguresStore;
  readonly clock: Clock;
  readonly rules: DeadlineRules;
  readonly figuresSettings: FiguresSettings;
}

export interface Period {
  readonly from: string;
  readonly to: string;
}

export interface StatsQuery {
  readonly agencyId?: string;
  readonly from?: string;
  readonly to?: string;
}

export type { Stats };

export async function getStats(ports: StatsPorts, query: StatsQuery): Promise<Stats> {
  const directory = await ports.directory.load();
  const agency = agencyOrRoot(directory, query.agencyId);
  const period = periodOf(ports, query);
  const children = directory.children(agency.id);
  const figures = await readFigures(ports, directory, [agency, ...children], period);
  const [row, ...childRows] = figures.rows;
  return {
    period,
    passingGradePercent: passingGradeOf(agency.id, directory, ports.figuresSettings.passingGradePercent),
    agency: row as FiguresRow,
    children: childRows,
    byMonth: figures.byMonth(agency),
  };
}

export function agencyOrRoot(directory: Directory, agencyId: string | undefined): Agency {
  if (agencyId === undefined) return directory.root();
  const agency = directory.agency(agencyId);
  if (!agency) throw agencyNotFound(agencyId);
  return agency;
}

/** The months asked for; a missing end defaults to the current local month (or to the other end). */
export function periodOf(ports: Pick<StatsPorts, "clock" | "rules">, query: StatsQuery): Period {
  const current = ports.rules.calendar.localDate(ports.clock.now()).slice(0, 7);
  const to = query.to ?? (query.from !== undefined && query.from > current ? query.from : current);
  const from = query.from ?? (to < current ? to : current);
  return { from, to };
}

/** One row per agency, in the order given. */
export async function figuresRows(
  ports: Pick<StatsPorts, "figures" | "figuresSettings">,
  directory: Directory,
  agencies: readonly Agency[],
  period: Period,
): Promise<FiguresRow[]> {
  return (await readFigures(ports, directory, agencies, period)).rows;
}

/**
 * The counters of `agencies` over `period`, read once: a row per agency, in the order given, and
 * any of them month by month (oldest first, a month without reports all zeros).
 */
async function readFigures(
  ports: Pick<StatsPorts, "figures" | "figuresSettings">,
  directory: Directory,
  agencies: readonly Agency[],
  period: Period,
) {
  const ids = agencies.map((agency) => agency.id);
  const [months, live] = await Promise.all([
    ports.figures.months(ids, period.from, period.to),
    ports.figures.live(ids),
  ]);
  const row = (agency: Agency, cohorts: Parameters<typeof addUp>[0]) =>
    rowOf(
      agency,
      addUp(cohorts),
      live.get(agency.id) ?? {},
      passingGradeOf(agency.id, directory, ports.figuresSettings.passingGradePercent),
    );
  const first = (month: string) => new Date(`${month}-01T00:00:00Z`);
  return {
    rows: agencies.map((agency) => row(agency, [...(months.get(agency.id)?.values() ?? [])])),
    byMonth: (agency: Agency) =>
      monthsOf(first(period.from), first(period.to))
        .reverse()
        .map((month) => {
          const counters = months.get(agency.id)?.get(month);
          return { month, ...row(agency, counters ? [counters] : []) };
        }),
  };
}
