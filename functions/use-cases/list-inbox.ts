/**
 * A staff member's inbox: reports of their agency's whole subtree (or of one agency below it),
 * newest first, a page at a time.
 *
 * Input: principal, statuses (default: every open status), optional agencyId, overdue, cursor,
 * limit. Output: summaries, the next cursor, and the live counts per status of the agency's subtree
 * (one more read, of the counters the stream consumer keeps: figures.ts).
 * Steps: one Query per status asked for on the inbox index of the agency's depth (never a scan),
 * run side by side and merged newest first; the cursor carries each status's own position. Rows
 * are then checked against the directory as it is now (canSee): a report indexed under an agency
 * it has moved away from, or a confidential one the caller has no need to know, is left out.
 */
import { assertAgencyInScope, canSee, type StaffPrincipal } from "../domain/access";
import { invalidCursor } from "../domain/errors";
import { LIVE_FIELDS } from "../domain/figures";
import { listingKey, OPEN_STATUSES, type Report, type ReportStatus } from "../domain/report";
import { summarize } from "../domain/report-views";
import type { InboxPage as InboxView } from "../domain/views";
import type { Clock, DirectoryRepository, FiguresStore, InboxPage, ReportRepository } from "./ports";

export interface InboxInput {
  /** @default every open status (submitted, on_hold, dispatched, in_progress) */
  readonly statuses?: readonly ReportStatus[];
  readonly agencyId?: string;
  readonly cursor?: string;
  readonly limit?: number;
  /** Only reports with a deadline already passed. */
  readonly overdue?: boolean;
}

export const DEFAULT_INBOX_LIMIT = 20;

export async function listInbox(
  ports: {
    readonly reports: ReportRepository;
    readonly directory: DirectoryRepository;
    readonly clock: Clock;
    readonly figures: FiguresStore;
  },
  principal: StaffPrincipal,
  input: InboxInput,
): Promise<InboxView> {
  const directory = await ports.directory.load();
  const agencyId =
    input.agencyId ?? (principal.role === "national_admin" ? directory.root().id : principal.agencyId);
  assertAgencyInScope(principal, agencyId, directory);
  const statuses = [...new Set(input.statuses ?? OPEN_STATUSES)];
  const limit = input.limit ?? DEFAULT_INBOX_LIMIT;
  const positions = decodePositions(input.cursor, statuses);
  const depth = directory.ancestry(agencyId).length - 1;
  const now = ports.clock.now();

  const live = ports.figures.live([agencyId]);
  const pages = await Promise.all(
    statuses.map(async (status) => {
      const position = positions[status];
      if (position === null) return { status, page: undefined }; // this status is exhausted
      const page = await ports.reports.inbox({
        agencyId,
        depth,
        status,
        limit,
        ...(position !== undefined && { cursor: position }),
        ...(input.overdue === true && { overdueAt: now }),
      });
      return { status, page };
    }),
  );

  const merged = pages
    .flatMap(({ status, page }) =>
      (page?.reports ?? []).map((report, i) => ({ status, report, after: page?.resumeAfter[i] })),
    )
    .sort((a, b) => compareNewestFirst(a.report, b.report))
    .slice(0, limit);

  const next: Record<string, string | null> = {};
  let more = false;
  for (const { status, page } of pages) {
    next[status] = nextPosition(status, page, merged, positions[status]);
    if (next[status] !== null) more = true;
  }
  const visible = merged
    .map(({ report }) => report)
    .filter((report) => canSee(principal, report, directory))
    .filter((report) => directory.ancestry(report.assignedAgencyId).includes(agencyId));
  const counters = (await live).get(agencyId) ?? {};
  const counts = Object.fromEntries(
    LIVE_FIELDS.map((field) => [field, counters[field] ?? 0]),
  ) as InboxView["counts"];
  return {
    reports: visible.map(summarize),
    ...(more && { cursor: encodePositions(next) }),
    agencyId,
    counts,
  };
}

function compareNewestFirst(a: Report, b: Report): number {
  const [ka, kb] = [listingKey(a), listingKey(b)];
  return ka === kb ? 0 : ka < kb ? 1 : -1;
}

/** Where a status resumes: after its last row taken, past everything it read, or null when done. */
function nextPosition(
  status: ReportStatus,
  page: InboxPage | undefined,
  taken: readonly { status: ReportStatus; after: string | undefined }[],
  previous: string | null | undefined,
): string | null {
  if (page === undefined) return null;
  const mine = taken.filter((row) => row.status === status);
  // Rows left over: resume after the last one taken (or where it started, "" = the beginning).
  if (mine.length < page.reports.length) return mine.at(-1)?.after ?? previous ?? "";
  return page.cursor ?? null;
}

/** Per status: undefined = from the start, "" = from the start (carried), null = exhausted. */
function decodePositions(
  cursor: string | undefined,
  statuses: readonly ReportStatus[],
): Record<string, string | null | undefined> {
  if (cursor === undefined) return {};
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  if (typeof decoded !== "object" || decoded === null || Array.isArray(decoded)) throw invalidCursor();
  const entries = Object.entries(decoded as Record<string, unknown>);
  const sameStatuses =
    entries.length === statuses.length &&
    statuses.every((status) => Object.hasOwn(decoded as object, status));
  if (!sameStatuses || entries.some(([, v]) => v !== null && typeof v !== "string")) throw invalidCursor();
  return Object.fromEntries(
    entries.map(([status, v]) => [status, v === "" ? undefined : (v as string | null)]),
  );
}

function encodePositions(positions: Record<string, string | null>): string {
  return Buffer.from(JSON.stringify(positions), "utf8").toString("base64url");
}
