/**
 * Indonesia's national holidays (hari libur nasional) and collective leave days (cuti bersama), as
 * local dates, for the default calendar of a deployment (PRODUCT.md §4). Cuti bersama are listed
 * because government offices — the agencies Aduan measures — are closed on them, so an SLA clock
 * must not run on them either.
 *
 * Data, not computation: the government fixes the dates each year by decree, and religious dates
 * follow sighting and committee decisions that no formula reproduces. A deployer replaces or
 * extends these lists in configuration when a decree is published or amended (amendments have
 * happened, e.g. for 2017 and 2020).
 *
 * Sources:
 * - 2026: Surat Keputusan Bersama (SKB) Menteri Agama, Menteri Ketenagakerjaan dan Menteri PANRB
 *   Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 tentang Hari Libur Nasional dan
 *   Cuti Bersama Tahun 2026 (announced by the Menko PMK on 19 September 2025): 17 holidays and
 *   8 cuti bersama days, all listed below.
 * - 2027: no SKB for 2027 was known when this file was written, so the list is a projection, not
 *   the decree, and carries NO cuti bersama (they are a policy choice that cannot be projected;
 *   omitting them errs towards earlier deadlines, never towards excusing an agency). Replace it
 *   with the SKB for 2027 once published. Fixed-date holidays and the Easter-derived Christian
 *   holidays (Gregorian computus: Easter 28 March 2027) are certain in date if the decree keeps
 *   them; entries derived from the Islamic, Chinese, Saka (Hindu) and Buddhist calendars are
 *   marked `provisional: true` and may move by a day:
 *   - Islamic: Umm al-Qura tabulation, moved one day later where the new moon falls within hours
 *     of sunset in western Indonesia, so that the MABIMS criterion (altitude 3°, elongation 6.4°)
 *     used by Kemenag cannot be met that evening (Idul Fitri, Maulid) — the same gap that put
 *     Idul Fitri 2026 on 21 March against Umm al-Qura's 20 March.
 *   - Imlek: the new moon of 6 February 2027 falls minutes before midnight China time; some
 *     tabulations give 7 February.
 *   - Nyepi: the day after Tilem Kesanga; by the Balinese reckoning of recent years 8 March,
 *     possibly 9 March.
 *   - Waisak: the full moon of May 2027 (20 May), subject to the Buddhist councils' decision.
 */

export type HolidayKind = "holiday" | "cuti_bersama";

export interface HolidayEntry {
  /** Local date, YYYY-MM-DD. */
  readonly date: string;
  /** Name as the decree writes it, in Indonesian. */
  readonly name: string;
  /** `holiday` = hari libur nasional; `cuti_bersama` = collective leave day. */
  readonly kind: HolidayKind;
  /** True where the date is projected, not yet decreed, and may move by a day. */
  readonly provisional?: true;
}

export const INDONESIA_HOLIDAYS_2026: readonly HolidayEntry[] = Object.freeze([
  { date: "2026-01-01", name: "Tahun Baru 2026 Masehi", kind: "holiday" },
  { date: "2026-01-16", name: "Isra Mikraj Nabi Muhammad S.A.W.", kind: "holiday" },
  { date: "2026-02-16", name: "Cuti Bersama Tahun Baru Imlek 2577 Kongzili", kind: "cuti_bersama" },
  { date: "2026-02-17", name: "Tahun Baru Imlek 2577 Kongzili", kind: "holiday" },
  { date: "2026-03-18", name: "Cuti Bersama Hari Suci Nyepi (Tahun Baru Saka 1948)", kind: "cuti_bersama" },
  { date: "2026-03-19", name: "Hari Suci Nyepi (Tahun Baru Saka 1948)", kind: "holiday" },
  { date: "2026-03-20", name: "Cuti Bersama Idul Fitri 1447 Hijriah", kind: "cuti_bersama" },
  { date: "2026-03-21", name: "Idul Fitri 1447 Hijriah", kind: "holiday" },
  { date: "2026-03-22", name: "Idul Fitri 1447 Hijriah", kind: "holiday" },
  { date: "2026-03-23", name: "Cuti Bersama Idul Fitri 1447 Hijriah", kind: "cuti_bersama" },
  { date: "2026-03-24", name: "Cuti Bersama Idul Fitri 1447 Hijriah", kind: "cuti_bersama" },
  { date: "2026-04-03", name: "Wafat Yesus Kristus", kind: "holiday" },
  { date: "2026-04-05", name: "Kebangkitan Yesus Kristus (Paskah)", kind: "holiday" },
  { date: "2026-05-01", name: "Hari Buruh Internasional", kind: "holiday" },
  { date: "2026-05-14", name: "Kenaikan Yesus Kristus", kind: "holiday" },
  { date: "2026-05-15", name: "Cuti Bersama Kenaikan Yesus Kristus", kind: "cuti_bersama" },
  { date: "2026-05-27", name: "Idul Adha 1447 Hijriah", kind: "holiday" },
  { date: "2026-05-28", name: "Cuti Bersama Idul Adha 1447 Hijriah", kind: "cuti_bersama" },
  { date: "2026-05-31", name: "Hari Raya Waisak 2570 BE", kind: "holiday" },
  { date: "2026-06-01", name: "Hari Lahir Pancasila", kind: "holiday" },
  { date: "2026-06-16", name: "1 Muharam Tahun Baru Islam 1448 Hijriah", kind: "holiday" },
  { date: "2026-08-17", name: "Proklamasi Kemerdekaan", kind: "holiday" },
  { date: "2026-08-25", name: "Maulid Nabi Muhammad S.A.W.", kind: "holiday" },
  { date: "2026-12-24", name: "Cuti Bersama Kelahiran Yesus Kristus", kind: "cuti_bersama" },
  { date: "2026-12-25", name: "Kelahiran Yesus Kristus", kind: "holiday" },
]);

/** Projection, not the decree: see the file header before relying on it. */
export const INDONESIA_HOLIDAYS_2027: readonly HolidayEntry[] = Object.freeze([
  { date: "2027-01-01", name: "Tahun Baru 2027 Masehi", kind: "holiday" },
  { date: "2027-01-05", name: "Isra Mikraj Nabi Muhammad S.A.W.", kind: "holiday", provisional: true },
  { date: "2027-02-06", name: "Tahun Baru Imlek 2578 Kongzili", kind: "holiday", provisional: true },
  { date: "2027-03-08", name: "Hari Suci Nyepi (Tahun Baru Saka 1949)", kind: "holiday", provisional: true },
  { date: "2027-03-10", name: "Idul Fitri 1448 Hijriah", kind: "holiday", provisional: true },
  { date: "2027-03-11", name: "Idul Fitri 1448 Hijriah", kind: "holiday", provisional: true },
  { date: "2027-03-26", name: "Wafat Yesus Kristus", kind: "holiday" },
  { date: "2027-03-28", name: "Kebangkitan Yesus Kristus (Paskah)", kind: "holiday" },
  { date: "2027-05-01", name: "Hari Buruh Internasional", kind: "holiday" },
  { date: "2027-05-06", name: "Kenaikan Yesus Kristus", kind: "holiday" },
  { date: "2027-05-16", name: "Idul Adha 1448 Hijriah", kind: "holiday", provisional: true },
  { date: "2027-05-20", name: "Hari Raya Waisak 2571 BE", kind: "holiday", provisional: true },
  { date: "2027-06-01", name: "Hari Lahir Pancasila", kind: "holiday" },
  { date: "2027-06-06", name: "1 Muharam Tahun Baru Islam 1449 Hijriah", kind: "holiday", provisional: true },
  { date: "2027-08-15", name: "Maulid Nabi Muhammad S.A.W.", kind: "holiday", provisional: true },
  { date: "2027-08-17", name: "Proklamasi Kemerdekaan", kind: "holiday" },
  { date: "2027-12-25", name: "Kelahiran Yesus Kristus", kind: "holiday" },
]);

/** The dates of all entries, for `CalendarConfig.holidays`. */
export function holidayDates(...lists: readonly (readonly HolidayEntry[])[]): string[] {
  return lists.flatMap((list) => list.map((entry) => entry.date));
}
