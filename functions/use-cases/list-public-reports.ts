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
  const today = calendar.localDate(ports.clock.now());
  const toDay = query.to ?? today;
  const fromDay =
    query.from ??
    calendar.localDate(new Date(calendar.startOfLocalDay(toDay).getTime() - (MAX_LISTING_DAYS - 1) * DAY_MS));
  const from = calendar.startOfLocalDay(fromDay);
  const to = calendar.endOfLocalDay(toDay);
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
  let position = query.cursor === undefined ? { month: months[0] ?? "" } : decode(query.cursor, months);
  const directory = await ports.directory.load();
  const filter: ListingFilter = { ...query, ...(options.storiesOnly && { storiesOnly: true }) };
  const out: PublicReport[] = [];
  for (let reads = 0; reads < MAX_READS && out.length < query.limit; reads++) {
    const page = await ports.reports.publicMonth({
      month: position.month,
      from: from.toISOString(),
      to: to.toISOString(),
      // Never read more than still fits: the cursor then resumes exactly after the last one read.
      limit: query.limit - out.length,
      ...(position.key !== undefined && { cursor: position.key }),
    });
    for (const report of page.reports)
      if (matchesListing(report, filter, directory)) out.push(publicReport(report, directory));
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
