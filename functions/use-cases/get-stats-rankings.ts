/**
 * The children of an agency ranked on their figures for a range of months (PRODUCT.md §5).
 *
 * Input: `{parentId?, from?, to?, minReceived?}` (default: the root's children, the current month,
 * the deployment's minimum volume). Output: the ranked rows and, apart, those with too few reports
 * to be ranked fairly. Same reads as getStats.
 */
import { passingGradeOf, rank } from "../domain/figures";
import type { Rankings } from "../domain/views";
import { agencyOrRoot, figuresRows, periodOf, type StatsPorts } from "./get-stats";

export interface RankingsQuery {
  readonly parentId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly minReceived?: number;
}

export type { Rankings };

export async function getStatsRankings(ports: StatsPorts, query: RankingsQuery): Promise<Rankings> {
  const directory = await ports.directory.load();
  const parent = agencyOrRoot(directory, query.parentId);
  const period = periodOf(ports, query);
  const minReceived = query.minReceived ?? ports.figuresSettings.rankingMinReceived;
  const rows = await figuresRows(ports, directory, directory.children(parent.id), period);
  return {
    period,
    parent: { agencyId: parent.id, name: parent.name },
    passingGradePercent: passingGradeOf(parent.id, directory, ports.figuresSettings.passingGradePercent),
    minReceived,
    ...rank(rows, minReceived),
  };
}
