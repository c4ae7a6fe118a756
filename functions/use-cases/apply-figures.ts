/**
 * Bring one report's contribution to the agency counters up to date (figures queue consumer).
 *
 * Input: a tracking ID (the stream router queues one for every write of a report item).
 * Output: `applied`, `unchanged` or `missing`.
 * Steps: read the report with its timeline as it is now, and the ledger of what it added before;
 * compute what it adds now (figures.ts) with the directory as it is now; write the difference to
 * the counters and the new ledger in one transaction, on condition that the ledger did not change
 * meanwhile. Idempotent and order-independent: a duplicate or late message finds nothing to add,
 * and two consumers racing on one report settle on one write (the loser reads again). A report
 * re-indexed after an agency moved is re-written by the reindex job, so its counters move to the
 * new ancestors through this same path.
 */

import type { DeadlineRules } from "../domain/deadlines";
import { type Contributions, contributionsOf, difference, isEmpty } from "../domain/figures";
import type { DirectoryRepository, FiguresLedger, FiguresStore, ReportRepository } from "./ports";

export interface ApplyFiguresPorts {
  readonly reports: ReportRepository;
  readonly directory: DirectoryRepository;
  readonly figures: FiguresStore;
  readonly rules: DeadlineRules;
}

/** Retries against concurrent appliers; contention on a root counter clears within a few tries. */
const MAX_ATTEMPTS = 8;

export async function applyFigures(
  ports: ApplyFiguresPorts,
  trackingId: string,
  pause?: (ms: number) => Promise<void>,
): Promise<"applied" | "unchanged" | "missing"> {
  return (await reconcileFigures(ports, trackingId, pause)).outcome;
}

/** applyFigures, also answering what the report contributes now (the rebuild adds these up). */
export async function reconcileFigures(
  ports: ApplyFiguresPorts,
  trackingId: string,
  pause: (ms: number) => Promise<void> = (ms) => new Promise((wake) => setTimeout(wake, ms)),
): Promise<{ outcome: "applied" | "unchanged" | "missing"; contributions: Contributions }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [stored, ledger] = await Promise.all([
      ports.reports.load(trackingId),
      ports.figures.ledger(trackingId),
    ]);
    if (!stored) return { outcome: "missing", contributions: {} };
    let directory = await ports.directory.load();
    const { report } = stored;
    // The report was written with a newer directory than this container's cache (an agency moved a
    // moment ago): read it afresh so that counters follow the move.
    if (directory.ancestry(report.assignedAgencyId).join("/") !== report.agencyPath.join("/"))
      directory = await ports.directory.load({ fresh: true });
    const contributions = contributionsOf(report, stored.timeline, { directory, rules: ports.rules });
    const before: Contributions = ledger?.contributions ?? {};
    const delta = difference(contributions, before);
    if (isEmpty(delta)) return { outcome: "unchanged", contributions };
    const next: FiguresLedger = {
      trackingId,
      revision: (ledger?.revision ?? 0) + 1,
      version: report.version,
      contributions,
    };
    if ((await ports.figures.apply(next, delta)) === "saved") return { outcome: "applied", contributions };
    await pause(Math.round(20 * 2 ** attempt * (0.5 + Math.random())));
  }
  throw new Error(`figures of ${trackingId} kept conflicting after ${MAX_ATTEMPTS} attempts; will retry`);
}
