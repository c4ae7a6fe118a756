/**
 * Staff exports (PRODUCT.md §5): one CSV row per report of the caller's subtree submitted in a
 * date range, with the instant of each lifecycle step and whether each deadline was met — never
 * contact details, never a report's text, and never a confidential report the caller has no need
 * to know (access.ts canSee). Pure: the record, the columns and the row.
 */
import type { StaffPrincipal } from "./access";
import { deadlineOutcomes } from "./case-file";
import type { ClockName, DeadlineRules } from "./deadlines";
import type { Directory } from "./directory";
import type { Report } from "./report";
import type { Locale } from "./text";
import type { DeadlineOutcome } from "./views";
import * as z from "./zod";

export const EXPORT_STATUSES = ["queued", "running", "ready"] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** Days an export (record and file) is kept. */
export const EXPORT_RETENTION_DAYS = 7;

export interface ExportRecord {
  readonly exportId: string;
  /** Who asked: only they may download it, and rows are what they may see. */
  readonly requestedBy: StaffPrincipal;
  /** Whose subtree. */
  readonly agencyId: string;
  /** Local submission dates, inclusive (YYYY-MM-DD). */
  readonly from: string;
  readonly to: string;
  /** Language of the column labels. */
  readonly locale: Locale;
  readonly status: ExportStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt?: string;
  readonly rows?: number;
  readonly bytes?: number;
  /** Object key of the file, once written. */
  readonly key?: string;
  /** Epoch seconds: the record is deleted by TTL, the file by the bucket's lifecycle rule. */
  readonly expiresAt: number;
}

/** What `GET /v1/exports/{exportId}` answers (declared once: schema and type). */
export const ExportView = z
  .object({
    exportId: z.string(),
    status: z.enum(EXPORT_STATUSES),
    agencyId: z.string(),
    from: z.string(),
    to: z.string(),
    createdAt: z.string(),
    finishedAt: z.optional(z.string()),
    rows: z.optional(z.int()).check(z.meta({ description: "Reports in the file, once ready" })),
    url: z
      .optional(z.string())
      .check(z.meta({ description: "Presigned download, valid 5 minutes, once ready" })),
    urlExpiresAt: z.optional(z.string()),
  })
  .register(z.globalRegistry, {
    id: "ExportView",
    example: {
      exportId: "exp-3kQ9vTzL1aBc",
      status: "ready",
      agencyId: "kab-blora",
      from: "2026-01-01",
      to: "2026-11-30",
      createdAt: "2026-11-28T03:00:00.000Z",
      finishedAt: "2026-11-28T03:00:04.120Z",
      rows: 412,
      url: "https://bucket.s3.ap-southeast-3.amazonaws.com/exports/exp-3kQ9vTzL1aBc.csv?X-Amz-Signature=…",
      urlExpiresAt: "2026-11-28T03:05:04.000Z",
    },
  });
export type ExportView = z.infer<typeof ExportView>;

/** What a row is made of: the report, the directory, and its deadlines' outcomes (case-file.ts). */
interface RowSource {
  readonly report: Report;
  readonly directory: Directory;
  readonly deadlines: readonly DeadlineOutcome[];
}

type Column = {
  readonly id: string;
  readonly en: string;
  readonly value: (report: Report, source: RowSource) => string | number | undefined;
};

/**
 * Met, missed, or (empty) still running, as the case file reckons them. The case file lists first
 * follow-ups only when missed or running; one given and never missed was met.
 */
function deadline(source: RowSource, clock: ClockName): string | undefined {
  const outcomes = source.deadlines.filter((o) => o.clock === clock);
  if (outcomes.some((o) => o.outcome === "missed")) return "missed";
  if (outcomes.some((o) => o.outcome === "met")) return "met";
  if (clock === "firstFollowUp" && outcomes.length === 0 && source.report.firstFollowUpAt !== undefined)
    return "met";
  return undefined;
}

export const EXPORT_COLUMNS: readonly Column[] = [
  { id: "ID pelacakan", en: "Tracking ID", value: (r) => r.trackingId },
  { id: "Jenis", en: "Kind", value: (r) => r.kind },
  { id: "Kategori", en: "Category", value: (r) => r.category },
  { id: "ID instansi", en: "Agency ID", value: (r) => r.assignedAgencyId },
  { id: "Instansi", en: "Agency", value: (r, source) => source.directory.agency(r.assignedAgencyId)?.name },
  { id: "Status", en: "Status", value: (r) => r.status },
  { id: "Dikirim", en: "Submitted", value: (r) => r.createdAt },
  { id: "Diverifikasi", en: "Verified", value: (r) => r.verifiedAt },
  { id: "Terdisposisi (terakhir)", en: "Dispatched (latest)", value: (r) => r.dispatchedAt },
  { id: "Tindak lanjut pertama", en: "First follow-up", value: (r) => r.firstFollowUpAt },
  {
    id: "Tindak lanjut akhir",
    en: "Final follow-up",
    value: (r) => r.resolutionProposedAt ?? (r.status === "resolved" ? r.lastFollowUpAt : undefined),
  },
  { id: "Selesai", en: "Resolved", value: (r) => r.resolvedAt },
  { id: "Diarsipkan", en: "Archived", value: (r) => r.archivedAt },
  { id: "Alasan arsip", en: "Archive reason", value: (r) => r.archiveReason },
  {
    id: "Batas verifikasi",
    en: "Verification deadline",
    value: (_, source) => deadline(source, "verification"),
  },
  {
    id: "Batas tindak lanjut pertama",
    en: "First follow-up deadline",
    value: (_, source) => deadline(source, "firstFollowUp"),
  },
  {
    id: "Batas penyelesaian",
    en: "Resolution deadline",
    value: (_, source) => deadline(source, "resolution"),
  },
  { id: "Penilaian", en: "Rating", value: (r) => r.rating },
];

export function exportHeader(locale: Locale): string[] {
  return EXPORT_COLUMNS.map((column) => column[locale]);
}

export function exportRow(
  report: Report,
  directory: Directory,
  rules: DeadlineRules,
  now: Date,
): (string | number | undefined)[] {
  const source: RowSource = { report, directory, deadlines: deadlineOutcomes(report, rules, now) };
  return EXPORT_COLUMNS.map((column) => column.value(report, source));
}

export function exportKey(exportId: string, prefix: string): string {
  return `${prefix}${exportId}.csv`;
}
