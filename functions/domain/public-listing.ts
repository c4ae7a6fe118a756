/**
 * What the public sees in lists (PRODUCT.md §6, issue 12): verified, non-confidential, not archived
 * reports — the sparse `byPublicList` index holds exactly these, by month of submission — and the
 * success stories among them (resolved, accepted by the reporter with a rating of 4 or 5). Pure.
 * Never any contact: an anonymous reporter is shown as such, a named one is not named either (a
 * name is contact, and contact is never public).
 */
import type { Directory } from "./directory";
import { isPublicReport, type Report, STATUS_LABELS } from "./report";
import { ReportKind, ReportStatus } from "./views";
import * as z from "./zod";

/** The longest range one listing request may cover: 90 days read at most 4 month partitions. */
export const MAX_LISTING_DAYS = 90;
const DAY_MS = 86_400_000;

export const PublicReport = z
  .object({
    trackingId: z.string(),
    kind: ReportKind,
    title: z.string(),
    description: z.string(),
    category: z.object({ code: z.string(), name: z.string() }),
    status: ReportStatus,
    statusLabel: z.string(),
    agency: z.object({ id: z.string(), name: z.string() }),
    location: z.optional(
      z.object({
        regionCode: z.optional(z.string()),
        address: z.optional(z.string()),
        lat: z.optional(z.number()),
        lng: z.optional(z.number()),
      }),
    ),
    anonymous: z
      .boolean()
      .check(z.meta({ description: "Filed anonymously; a named reporter is not named either" })),
    createdAt: z.string(),
    verifiedAt: z.optional(z.string()),
    resolvedAt: z.optional(z.string()),
    rating: z.optional(z.int()).check(z.meta({ description: "The reporter's rating, once resolved" })),
  })
  .register(z.globalRegistry, { id: "PublicReport" });
export type PublicReport = z.infer<typeof PublicReport>;

export const PublicReportPage = z
  .object({
    reports: z.array(PublicReport),
    cursor: z.optional(z.string()).check(z.meta({ description: "Opaque: pass it back for the next page" })),
  })
  .register(z.globalRegistry, { id: "PublicReportPage" });

export function publicReport(report: Report, directory: Directory): PublicReport {
  const category = directory.category(report.category);
  const agency = directory.agency(report.assignedAgencyId);
  return {
    trackingId: report.trackingId,
    kind: report.kind,
    title: report.title,
    description: report.description,
    category: { code: report.category, name: category?.name ?? report.category },
    status: report.status,
    statusLabel: STATUS_LABELS[report.status],
    agency: { id: report.assignedAgencyId, name: agency?.name ?? report.assignedAgencyId },
    ...(report.location !== undefined && { location: { ...report.location } }),
    anonymous: report.anonymous,
    createdAt: report.createdAt,
    ...(report.verifiedAt !== undefined && { verifiedAt: report.verifiedAt }),
    ...(report.resolvedAt !== undefined && { resolvedAt: report.resolvedAt }),
    ...(report.rating !== undefined && { rating: report.rating }),
  };
}

/** A success story: resolved with the reporter's acceptance and a rating of 4 or 5 (seed 001). */
export function isStory(report: Report): boolean {
  return isPublicReport(report) && report.status === "resolved" && (report.rating ?? 0) >= 4;
}

export interface ListingFilter {
  readonly category?: string;
  /** Reports held anywhere in this agency's subtree. */
  readonly agencyId?: string;
  readonly statuses?: readonly string[];
  readonly storiesOnly?: boolean;
}

/** Whether a report from the index belongs in a listing (the index already makes it public). */
export function matchesListing(report: Report, filter: ListingFilter, directory: Directory): boolean {
  if (!isPublicReport(report)) return false; // the index may lag a change by nothing; be sure
  if (filter.storiesOnly && !isStory(report)) return false;
  if (
    filter.category &&
    report.category !== filter.category &&
    !report.category.startsWith(`${filter.category}.`)
  )
    return false;
  if (filter.agencyId && !directory.isWithin(report.assignedAgencyId, filter.agencyId)) return false;
  if (filter.statuses && !filter.statuses.includes(report.status)) return false;
  return true;
}

/**
 * The month partitions (YYYY-MM, newest first) a range of submission instants touches. The range
 * is inclusive and at most MAX_LISTING_DAYS long; months are UTC months, as the index's keys are.
 */
export function monthsOf(from: Date, to: Date): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), 1));
  while (cursor.getTime() >= Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1)) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() - 1);
  }
  return months;
}

export function rangeTooLong(from: Date, to: Date, days = MAX_LISTING_DAYS): boolean {
  return to.getTime() - from.getTime() > days * DAY_MS;
}
