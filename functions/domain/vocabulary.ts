/**
 * The product's words in both languages: statuses, roles and what each lifecycle action does, so
 * that every message is a sentence ("A supervisor may not verify a report."), never a code with
 * underscores replaced.
 */
import type { StaffRole } from "./constants";
import type { ReportStatus } from "./report";
import { type Text, text } from "./text";

/** Indonesian labels are SP4N-LAPOR!'s own. */
export const STATUS_TEXT: Record<ReportStatus, Text> = {
  submitted: text("Belum Terverifikasi", "awaiting verification"),
  on_hold: text("Ditunda", "on hold"),
  dispatched: text("Terdisposisi", "dispatched"),
  in_progress: text("Ditindaklanjuti", "being followed up"),
  resolved: text("Selesai", "resolved"),
  archived: text("Diarsipkan", "archived"),
};

export const PERFORMER_TEXT: Record<StaffRole | "reporter" | "system", Text> = {
  national_admin: text("Admin Nasional", "national admin"),
  agency_admin: text("Admin Instansi", "agency admin"),
  unit_admin: text("Admin Unit Kerja", "unit admin"),
  liaison_officer: text("Pejabat Penghubung", "liaison officer"),
  supervisor: text("Pengawas", "supervisor"),
  reporter: text("Pelapor", "reporter"),
  system: text("Sistem", "the system"),
};

/** What an action does to a report: infinitive (may not …) and participle (cannot be …). */
export interface ActionWords {
  readonly verb: Text;
  readonly done: Text;
}

const words = (verbId: string, verbEn: string, doneId: string, doneEn: string): ActionWords => ({
  verb: text(verbId, verbEn),
  done: text(doneId, doneEn),
});

export const ACTION_WORDS = {
  verify: words("memverifikasi", "verify", "diverifikasi", "verified"),
  hold: words("menunda", "put on hold", "ditunda", "put on hold"),
  archive: words("mengarsipkan", "archive", "diarsipkan", "archived"),
  dispatch: words("mendisposisikan", "dispatch", "didisposisikan", "dispatched"),
  return: words("mengembalikan", "return", "dikembalikan", "returned"),
  draft_follow_up: words(
    "menyusun draf tindak lanjut untuk",
    "draft a follow-up for",
    "diberi draf tindak lanjut",
    "given a draft follow-up",
  ),
  publish_follow_up: words(
    "menerbitkan tindak lanjut untuk",
    "publish a follow-up for",
    "diberi tindak lanjut",
    "given a follow-up",
  ),
  reporter_message: words("membalas", "reply to", "dibalas", "replied to"),
  accept_resolution: words(
    "menerima penyelesaian",
    "accept the resolution of",
    "diterima penyelesaiannya",
    "accepted as resolved",
  ),
  reject_resolution: words(
    "menolak penyelesaian",
    "reject the resolution of",
    "ditolak penyelesaiannya",
    "reopened",
  ),
  forward_to_ombudsman: words(
    "meneruskan ke Ombudsman",
    "forward to the Ombudsman",
    "diteruskan ke Ombudsman",
    "forwarded to the Ombudsman",
  ),
  escalate: words("mengeskalasi", "escalate", "dieskalasi", "escalated"),
  auto_resolve: words(
    "menyelesaikan otomatis",
    "resolve automatically",
    "diselesaikan otomatis",
    "resolved automatically",
  ),
  expire_hold: words("mengakhiri penundaan", "end the hold of", "diakhiri penundaannya", "withdrawn"),
  check_attachment: words("memeriksa lampiran", "check an attachment of", "diperiksa lampirannya", "checked"),
  publish_attachment: words(
    "menerbitkan lampiran",
    "publish an attachment of",
    "diterbitkan lampirannya",
    "given a published attachment",
  ),
} as const satisfies Record<string, ActionWords>;
