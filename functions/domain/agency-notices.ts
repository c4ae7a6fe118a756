/**
 * What an agency is told of a report (issue 11): the webhook payload its own system receives and
 * the e-mail its contact addresses receive. Pure. Privacy (PRODUCT.md §2, §6): neither carries the
 * reporter's contact — not even for a report that is not anonymous, since a payload is stored
 * in systems Aduan does not control — and for a confidential report nothing but its tracking ID and
 * status: the agency reads the rest in Aduan, where need-to-know is enforced.
 */
import { escapeHtml } from "./html";
import type { NotificationKind } from "./notifications";
import type { Report, TimelineEvent } from "./report";
import { STATUS_TEXT } from "./vocabulary";
import * as z from "./zod";

/** The body every webhook delivery carries (Standard Webhooks' `{type, timestamp, data}`). */
export const WebhookPayload = z
  .object({
    /** `report.<kind>`: report.submitted, report.dispatched, report.escalated, … */
    type: z.string(),
    /** When the event happened (ISO 8601). */
    timestamp: z.string(),
    data: z.object({
      trackingId: z.string(),
      status: z.string(),
      /** Left out for a confidential report, like everything below. */
      kind: z.optional(z.string()),
      title: z.optional(z.string()),
      category: z.optional(z.string()),
      regionCode: z.optional(z.string()),
      /** The agency that holds the report after the event. */
      agencyId: z.optional(z.string()),
      /** The agency this delivery is for. */
      recipientAgencyId: z.optional(z.string()),
      event: z.optional(z.object({ seq: z.number(), type: z.string(), at: z.string() })),
      escalation: z.optional(z.object({ clock: z.string(), level: z.number() })),
    }),
  })
  .register(z.globalRegistry, { id: "WebhookPayload" });
export type WebhookPayload = z.infer<typeof WebhookPayload>;

export function webhookPayload(
  kind: NotificationKind,
  report: Pick<
    Report,
    "trackingId" | "confidential" | "kind" | "title" | "category" | "location" | "assignedAgencyId"
  >,
  event: Pick<TimelineEvent, "seq" | "type" | "at" | "status" | "agencyId" | "clock" | "level">,
  recipientAgencyId: string,
): WebhookPayload {
  const base = { trackingId: report.trackingId, status: event.status };
  return {
    type: `report.${kind}`,
    timestamp: event.at,
    data: report.confidential
      ? base
      : {
          ...base,
          kind: report.kind,
          title: report.title,
          category: report.category,
          ...(report.location?.regionCode !== undefined && { regionCode: report.location.regionCode }),
          agencyId: event.agencyId,
          recipientAgencyId,
          event: { seq: event.seq, type: event.type, at: event.at },
          ...(event.clock !== undefined &&
            event.level !== undefined && { escalation: { clock: event.clock, level: event.level } }),
        },
  };
}

export interface AgencyEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** What happened, for staff, in Indonesian and English (the e-mail carries both). */
const HEADLINES: Partial<Record<NotificationKind, readonly [string, string]>> = {
  submitted: [
    "Laporan baru menunggu verifikasi instansi Anda",
    "A new report awaits your agency's verification",
  ],
  dispatched: ["Laporan didisposisikan ke instansi Anda", "A report was dispatched to your agency"],
  dispatched_to_unit: ["Laporan didisposisikan ke unit Anda", "A report was dispatched to your unit"],
  resolved: ["Laporan selesai", "A report was resolved"],
  reopened: ["Pelapor membuka kembali laporan", "The reporter reopened a report"],
  returned: [
    "Laporan dikembalikan kepada instansi Anda (bukan wewenang)",
    "A report was returned to your agency (not their authority)",
  ],
  escalated: ["Eskalasi: laporan melewati batas waktu", "Escalation: a report is overdue"],
};

/** Which deadline an escalation is about, in both languages. */
const CLOCKS: Record<string, readonly [string, string]> = {
  verification: ["verifikasi dan disposisi", "verification and dispatch"],
  firstFollowUp: ["tindak lanjut pertama", "first follow-up"],
  resolution: ["penyelesaian", "resolution"],
};

/**
 * The e-mail to an agency's contact addresses. `staffUrl` is where its staff open the report (the
 * console's page, which checks who may see it).
 */
export function agencyEmail(
  kind: NotificationKind,
  report: Pick<Report, "trackingId" | "confidential" | "title" | "category">,
  event: Pick<TimelineEvent, "status" | "clock" | "level">,
  staffUrl: string,
): AgencyEmail {
  const [headlineId, headlineEn] = HEADLINES[kind] ?? ["Perubahan pada laporan", "A report changed"];
  const subject = `[Aduan] ${headlineId} — ${report.trackingId}`;
  const clock = event.clock === undefined ? undefined : CLOCKS[event.clock];
  const facts = (locale: 0 | 1): string[] => [
    `${locale === 0 ? "ID pelacakan" : "Tracking ID"}: ${report.trackingId}`,
    `Status: ${STATUS_TEXT[event.status][locale === 0 ? "id" : "en"]}`,
    ...(report.confidential
      ? [
          locale === 0
            ? "Laporan rahasia: rinciannya hanya di Aduan."
            : "Confidential: details only in Aduan.",
        ]
      : [
          `${locale === 0 ? "Judul" : "Title"}: ${report.title}`,
          `${locale === 0 ? "Kategori" : "Category"}: ${report.category}`,
        ]),
    ...(clock && event.level !== undefined
      ? [
          locale === 0
            ? `Batas waktu ${clock[0]} terlewati (level ${event.level}).`
            : `The ${clock[1]} deadline has passed (level ${event.level}).`,
        ]
      : []),
  ];
  const open = ["Buka laporan", "Open the report"] as const;
  const footer =
    "Pesan otomatis dari Aduan; jangan membalas. / An automatic message from Aduan; do not reply.";
  const text = [
    headlineId,
    ...facts(0),
    `${open[0]}: ${staffUrl}`,
    "",
    headlineEn,
    ...facts(1),
    `${open[1]}: ${staffUrl}`,
    "",
    footer,
  ].join("\n");
  const section = (lang: "id" | "en", headline: string, lines: string[], label: string) =>
    `<section lang="${lang}"><h2>${escapeHtml(headline)}</h2><p>${lines.map(escapeHtml).join("<br>")}</p>` +
    `<p><a href="${escapeHtml(staffUrl)}">${escapeHtml(label)}</a></p></section>`;
  const html = [
    `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    section("id", headlineId, facts(0), open[0]),
    section("en", headlineEn, facts(1), open[1]),
    `<p><small>${escapeHtml(footer)}</small></p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}
