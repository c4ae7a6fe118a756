/**
 * The figures of `GET /v1/stats` and `/v1/stats/rankings` as CSV, one row per agency, with column
 * labels in the reader's language (Accept-Language; Indonesian by default). The columns are the
 * JSON row's fields in the same order, so the two formats cannot drift.
 */
import type { Locale } from "../domain/text";
import type { FiguresRow, Rankings, Stats } from "../domain/views";
import { type CsvValue, csvDocument } from "./csv";

const COLUMNS: readonly { readonly field: keyof FiguresRow; readonly id: string; readonly en: string }[] = [
  { field: "agencyId", id: "ID instansi", en: "Agency ID" },
  { field: "name", id: "Nama instansi", en: "Agency name" },
  { field: "level", id: "Tingkat", en: "Level" },
  { field: "received", id: "Laporan diterima", en: "Reports received" },
  { field: "followedUp", id: "Ditindaklanjuti", en: "Followed up" },
  { field: "followUpRate", id: "%TL", en: "Follow-up rate (%)" },
  { field: "resolved", id: "Selesai", en: "Resolved" },
  { field: "resolvedRate", id: "% selesai", en: "Resolved (%)" },
  { field: "inProgress", id: "Dalam proses", en: "In progress" },
  { field: "inProgressRate", id: "% dalam proses", en: "In progress (%)" },
  {
    field: "avgDaysToFirstFollowUp",
    id: "Rata-rata hari ke tindak lanjut pertama",
    en: "Average days to first follow-up",
  },
  { field: "avgDaysToResolution", id: "Rata-rata hari ke penyelesaian", en: "Average days to resolution" },
  {
    field: "onTimeFirstFollowUpRate",
    id: "% tindak lanjut pertama tepat waktu",
    en: "First follow-up on time (%)",
  },
  { field: "overdueNow", id: "Melewati batas waktu saat ini", en: "Overdue now" },
  { field: "ratings", id: "Jumlah penilaian", en: "Ratings" },
  { field: "avgRating", id: "Rata-rata penilaian", en: "Average rating" },
  { field: "passingGradePercent", id: "Nilai kelulusan (%)", en: "Passing grade (%)" },
  { field: "passed", id: "Lulus", en: "Passed" },
];

const YES_NO: Record<Locale, [string, string]> = { id: ["ya", "tidak"], en: ["yes", "no"] };

function cells(row: FiguresRow, locale: Locale): CsvValue[] {
  return COLUMNS.map(({ field }) => {
    const value = row[field];
    if (typeof value === "boolean") return value ? YES_NO[locale][0] : YES_NO[locale][1];
    return value;
  });
}

/** The agency's row first, then its children's. */
export function statsCsv(stats: Stats, locale: Locale): string {
  return csvDocument(
    COLUMNS.map((column) => column[locale]),
    [stats.agency, ...stats.children].map((row) => cells(row, locale)),
  );
}

/** Ranked rows with their rank, then the unranked ones with an empty rank. */
export function rankingsCsv(rankings: Rankings, locale: Locale): string {
  return csvDocument(
    [locale === "id" ? "Peringkat" : "Rank", ...COLUMNS.map((column) => column[locale])],
    [
      ...rankings.ranked.map((row) => [row.rank, ...cells(row, locale)]),
      ...rankings.notRanked.map((row) => [null, ...cells(row, locale)]),
    ],
  );
}
