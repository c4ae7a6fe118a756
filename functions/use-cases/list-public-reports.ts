/**
 * The public listing and the success stories (public, issue 12).
 *
 * Input: a range of local submission dates (default: the last 90 days; at most 90), optional
 * category (a code or a parent), agency (its subtree), statuses, an opaque cursor and a limit.
 * Output: public reports, newest first, and a cursor while more may follow.
 * Steps: the range's month partitions of the sparse `byPublicList` index (at most 4), newest first,
 * one Query page at a time from where the cursor stopped; the filters apply to what was read, so
 * a page may be short; at most MAX_READS Queries a request (then the cursor says where to go on).
 * Nothing scans, and nothing but the index's reports (verified, non-confidential, not archived) can
 * appear.
 */
import type { DeadlineRules } from "../domain/deadlines";
import type { Directory } from "../domain/directory";
import { DomainError, detail, invalidCursor } from "../domain/errors";
import {
  type ListingFilter,
  MAX_LISTING_DAYS,
  matchesListing,
  monthsOf,
  type PublicReport,
  publicReport,
  rangeTooLong,
} from "../domain/public-listing";
import type { Report } from "../domain/report";
import { text } from "../domain/text";
import type { Clock, DirectoryRepository, ReportRepository } from "./ports";

export interface PublicListingPorts {
  readonly reports: ReportRepository;
  readonly directory: DirectoryRepository;
  readonly clock: Clock;
  readonly rules: DeadlineRules;
}

export interface PublicListingQuery extends Omit<ListingFilter, "storiesOnly"> {
  /** Local dates (YYYY-MM-DD) of submission, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly cursor?: string;
  readonly limit: number;
}

const DAY_MS = 86_400_000;

/** Queries one request may make before it answers with what it has and a cursor. */
const MAX_READS = 8;

interface Position {
  readonly month: string;
  readonly key?: string;
}

export async function listPublicReports(
  ports: PublicListingPorts,
  query: PublicListingQuery,
  options: { readonly storiesOnly?: boolean } = {},
): Promise<{ reports: PublicReport[]; cursor?: string }> {
  const calendar = ports.rules.calendar;
  const toDay = query.to ?? calendar.localDate(ports.clock.now());
  const fromDay =
    query.from ??
    calendar.localDate(new Date(calendar.startOfLocalDay(toDay).getTime() - (MAX_LISTING_DAYS - 1) * DAY_MS));
  const directory = await ports.directory.load();
  const page = await readPublicIndex(ports.reports, directory, {
    from: calendar.startOfLocalDay(fromDay),
    to: calendar.endOfLocalDay(toDay),
    filter: { ...query, ...(options.storiesOnly && { storiesOnly: true }) },
    limit: query.limit,
    ...(query.cursor !== undefined && { cursor: query.cursor }),
  });
  return {
    reports: page.reports.map((report) => publicReport(report, directory)),
    ...(page.cursor !== undefined && { cursor: page.cursor }),
  };
}

/**
 * Reads the public index over a range of submission instants, newest first, keeping what the
 * filter admits: at most `limit` reports and MAX_READS Queries, with a cursor while more may follow.
 * (Shared by the listing, the stories and Open311's GET requests.)
 */
export async function readPublicIndex(
  reports: ReportRepository,
  directory: Directory,
  query: {
    readonly from: Date;
    readonly to: Date;
    readonly filter: ListingFilter;
    readonly limit: number;
    readonly cursor?: string;
    /** @default MAX_READS */
    readonly maxReads?: number;
  },
): Promise<{ reports: Report[]; cursor?: string }> {
  const { from, to } = query;
  if (from > to || rangeTooLong(from, to, MAX_LISTING_DAYS))
    throw new DomainError(
      "invalid",
      "invalid_input",
      text(
        `Rentang tanggal harus urut dan paling panjang ${MAX_LISTING_DAYS} hari.`,
        `The date range must run forwards and span at most ${MAX_LISTING_DAYS} days.`,
      ),
      [
        detail(
          "to",
          `paling lama ${MAX_LISTING_DAYS} hari setelah from`,
          `at most ${MAX_LISTING_DAYS} days after from`,
        ),
      ],
    );
  const months = monthsOf(from, to);
  let position: Position =
    query.cursor === undefined ? { month: months[0] ?? "" } : decode(query.cursor, months);
  const out: Report[] = [];
  for (let reads = 0; reads < (query.maxReads ?? MAX_READS) && out.length < query.limit; reads++) {
    const page = await reports.publicMonth({
      month: position.month,
      from: from.toISOString(),
      to: to.toISOString(),
      // Never read more than still fits: the cursor then resumes exactly after the last one read.
      limit: query.limit - out.length,
      ...(position.key !== undefined && { cursor: position.key }),
    });
    for (const report of page.reports) if (matchesListing(report, query.filter, directory)) out.push(report);
    if (page.cursor !== undefined) position = { month: position.month, key: page.cursor };
    else {
      const following = months[months.indexOf(position.month) + 1];
      if (following === undefined) return { reports: out };
      position = { month: following };
    }
  }
  return { reports: out, cursor: encode(position) };
}

function encode(position: Position): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

function decode(cursor: string, months: readonly string[]): Position {
  try {
    const position = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Position;
    if (typeof position.month === "string" && months.includes(position.month)) return position;
  } catch {
    // fall through
  }
  throw invalidCursor();
}
