/**
 * The e-mails a reporter receives (issue 11), in Indonesian or English, as plain text and HTML:
 * the tracking ID, what happened, what to do next, and a link to follow the report. Privacy rules
 * (PRODUCT.md §2, §6): an e-mail carries nothing of another person — no staff member's name, no
 * other reporter — and for a confidential report nothing of its content either (only that it
 * changed, and the link: mail travels and is stored in places Aduan does not control). Pure.
 */
import { escapeHtml } from "./html";
import type { NotificationKind } from "./notifications";
import type { Report, TimelineEvent } from "./report";
import type { Locale } from "./text";
import { STATUS_TEXT } from "./vocabulary";

export interface ReporterEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

type Words = Record<Locale, string>;

const SUBJECTS: Record<NotificationKind, Words> = {
  submitted: { id: "Laporan Anda diterima", en: "Your report was received" },
  dispatched: { id: "Laporan Anda diteruskan ke instansi", en: "Your report was passed to an agency" },
  dispatched_to_unit: { id: "Laporan Anda diteruskan", en: "Your report was passed on" },
  held: { id: "Mohon lengkapi laporan Anda", en: "Please complete your report" },
  follow_up: { id: "Ada tindak lanjut atas laporan Anda", en: "Your report was followed up" },
  resolution_proposed: { id: "Apakah laporan Anda sudah selesai?", en: "Is your report resolved?" },
  resolved: { id: "Laporan Anda selesai", en: "Your report is resolved" },
  reopened: { id: "Laporan Anda dibuka kembali", en: "Your report was reopened" },
  archived: { id: "Laporan Anda diarsipkan", en: "Your report was archived" },
  returned: { id: "Laporan Anda dikembalikan", en: "Your report was returned" },
  escalated: { id: "Laporan Anda dieskalasi", en: "Your report was escalated" },
  ombudsman_eligible: {
    id: "Laporan Anda dapat diteruskan ke Ombudsman",
    en: "You may take your report to the Ombudsman",
  },
};

const NEXT_STEP: Partial<Record<NotificationKind, Words>> = {
  submitted: {
    id: "Simpan ID pelacakan ini. Token akses hanya ditampilkan sekali saat Anda melapor.",
    en: "Keep this tracking ID. The access token was shown only once, when you filed the report.",
  },
  held: {
    id: "Balas melalui halaman laporan dalam 30 hari; setelah itu laporan diarsipkan.",
    en: "Reply on the report's page within 30 days; after that the report is archived.",
  },
  resolution_proposed: {
    id: "Terima atau tolak penyelesaian ini di halaman laporan. Tanpa jawaban, laporan selesai otomatis setelah 10 hari kerja.",
    en: "Accept or reject this resolution on the report's page. Without an answer, it is resolved automatically after 10 working days.",
  },
  ombudsman_eligible: {
    id: "Batas waktu penyelesaian telah lewat: Anda dapat meneruskan laporan ini ke Ombudsman RI dan mengunduh berkas kasusnya.",
    en: "The resolution deadline has passed: you may take this report to the Ombudsman and download its case file.",
  },
};

const ARCHIVE_REASONS: Record<string, Words> = {
  unintelligible: { id: "tidak dapat dipahami", en: "it could not be understood" },
  out_of_scope: { id: "di luar cakupan layanan publik", en: "it is outside the public services' scope" },
  duplicate: { id: "sama dengan laporan lain", en: "it duplicates another report" },
  spam: { id: "spam", en: "spam" },
  withdrawn: {
    id: "informasi yang diminta tidak dilengkapi",
    en: "the information asked for was not supplied",
  },
};

/**
 * The e-mail for one notification to the reporter. `event` is the event notified; its note is the
 * held reason or the follow-up's message (both written for the reporter), left out of a
 * confidential report's e-mail.
 */
export function reporterEmail(
  kind: NotificationKind,
  report: Pick<Report, "trackingId" | "title" | "confidential" | "status">,
  event: Pick<TimelineEvent, "note" | "noteVisibility" | "visibility" | "archiveReason">,
  options: { readonly locale: Locale; readonly trackingUrl: string },
): ReporterEmail {
  const { locale } = options;
  const subject = `${SUBJECTS[kind][locale]} — ${report.trackingId}`;
  const noteForReporter =
    !report.confidential && event.note !== undefined && (event.noteVisibility ?? event.visibility) !== "staff"
      ? event.note
      : undefined;
  const lines: string[] = [
    locale === "id" ? `ID pelacakan: ${report.trackingId}` : `Tracking ID: ${report.trackingId}`,
    ...(report.confidential ? [] : [locale === "id" ? `Judul: ${report.title}` : `Title: ${report.title}`]),
    `Status: ${STATUS_TEXT[report.status][locale]}`,
  ];
  const body: string[] = [];
  if (kind === "archived" && event.archiveReason !== undefined)
    body.push(
      locale === "id"
        ? `Alasan: ${ARCHIVE_REASONS[event.archiveReason]?.id ?? event.archiveReason}.`
        : `Reason: ${ARCHIVE_REASONS[event.archiveReason]?.en ?? event.archiveReason}.`,
    );
  if (noteForReporter !== undefined) body.push(noteForReporter);
  if (report.confidential)
    body.push(
      locale === "id"
        ? "Laporan ini rahasia: buka tautan di bawah untuk membaca rinciannya."
        : "This report is confidential: open the link below to read the details.",
    );
  const next = NEXT_STEP[kind]?.[locale];
  const follow = locale === "id" ? "Ikuti laporan Anda" : "Follow your report";
  const footer =
    locale === "id"
      ? "Pesan ini dikirim otomatis oleh Aduan; jangan membalas e-mail ini."
      : "This message was sent automatically by Aduan; do not reply to this e-mail.";
  const text = [
    SUBJECTS[kind][locale],
    "",
    ...lines,
    ...(body.length > 0 ? ["", ...body] : []),
    ...(next ? ["", next] : []),
    "",
    `${follow}: ${options.trackingUrl}`,
    "",
    footer,
  ].join("\n");
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    `<h1>${escapeHtml(SUBJECTS[kind][locale])}</h1>`,
    `<p>${lines.map(escapeHtml).join("<br>")}</p>`,
    ...body.map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll("\n", "<br>")}</p>`),
    ...(next ? [`<p>${escapeHtml(next)}</p>`] : []),
    `<p><a href="${escapeHtml(options.trackingUrl)}">${escapeHtml(follow)}</a></p>`,
    `<p><small>${escapeHtml(footer)}</small></p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}

/**
 * The one-time code to recover a lost access token. It names nothing of the report but its
 * tracking ID (whoever asked for it knew that much), and tells a reporter who did not ask that
 * nothing has changed.
 */
export function accessCodeEmail(
  trackingId: string,
  code: string,
  options: { readonly locale: Locale; readonly trackingUrl: string },
): ReporterEmail {
  const id = options.locale === "id";
  const subject = id
    ? `Kode pemulihan token akses — ${trackingId}`
    : `Your access-token recovery code — ${trackingId}`;
  const lines = id
    ? [
        `Kode untuk membuat token akses baru bagi laporan ${trackingId}:`,
        code,
        "Kode berlaku 24 jam dan hanya dapat dipakai sekali. Token lama tetap berlaku sampai Anda memakai kode ini.",
        "Jika Anda tidak memintanya, abaikan pesan ini: tidak ada yang berubah pada laporan Anda.",
      ]
    : [
        `The code to issue a new access token for report ${trackingId}:`,
        code,
        "It is valid for 24 hours and can be used once. Your old token keeps working until you use this code.",
        "If you did not ask for it, ignore this message: nothing about your report has changed.",
      ];
  const follow = id ? "Ikuti laporan Anda" : "Follow your report";
  const text = [...lines, "", `${follow}: ${options.trackingUrl}`].join("\n");
  const html = [
    `<!doctype html><html lang="${options.locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    `<p>${escapeHtml(lines[0] as string)}</p>`,
    `<p style="font-size:1.5em;letter-spacing:0.2em"><strong>${escapeHtml(code)}</strong></p>`,
    ...lines.slice(2).map((line) => `<p>${escapeHtml(line)}</p>`),
    `<p><a href="${escapeHtml(options.trackingUrl)}">${escapeHtml(follow)}</a></p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}
