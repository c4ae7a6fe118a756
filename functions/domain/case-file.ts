/**
 * The case file a reporter can take to the Ombudsman (PRODUCT.md §4): the chronology, the
 * dispositions, the follow-ups and which deadlines were met or missed, as data and as a printable
 * HTML page. It is the reporter's own document, so it holds what the reporter's view holds and
 * nothing staff-only.
 */

import type { WorkingCalendar } from "./calendar";
import { type ClockName, type DeadlineRules, policyFor } from "./deadlines";
import type { Directory } from "./directory";
import { escapeHtml } from "./html";
import { type FollowUp, type Report, STATUS_LABELS, type TimelineEvent } from "./report";
import { viewReport } from "./report-views";
import { resolutionDue } from "./sla";
import type { CaseFile, DeadlineOutcome } from "./views";

export type { CaseFile, DeadlineOutcome };

export function buildCaseFile(
  report: Report,
  timeline: readonly TimelineEvent[],
  followUps: readonly FollowUp[],
  directory: Directory,
  rules: DeadlineRules,
  now: Date,
): CaseFile {
  const view = viewReport(report, timeline, { kind: "reporter" }, directory, followUps);
  const agencyName = (id: string) => directory.agency(id)?.name ?? id;
  return {
    trackingId: report.trackingId,
    title: report.title,
    description: report.description,
    kind: report.kind,
    category: view.category.name,
    agency: view.agency.name,
    status: report.status,
    statusLabel: STATUS_LABELS[report.status],
    submittedAt: report.createdAt,
    ...(report.verifiedAt !== undefined && { verifiedAt: report.verifiedAt }),
    ...(report.resolvedAt !== undefined && { resolvedAt: report.resolvedAt }),
    ...(report.ombudsmanEligibleAt !== undefined && { ombudsmanEligibleAt: report.ombudsmanEligibleAt }),
    ...(report.ombudsmanForwardedAt !== undefined && { ombudsmanForwardedAt: report.ombudsmanForwardedAt }),
    chronology: view.timeline,
    dispositions: view.timeline
      .filter(
        (e) =>
          e.type === "dispatched" ||
          e.type === "returned" ||
          (e.type === "verified" && e.agency.id !== report.agencyPath[0]),
      )
      .map((e) => ({
        at: e.at,
        to: agencyName(e.agency.id),
        type: e.type,
        ...(e.note !== undefined && { note: e.note }),
      })),
    followUps: view.followUps.map((f) => ({
      ...(f.publishedAt !== undefined && { publishedAt: f.publishedAt }),
      agency: f.agency.name,
      message: f.message,
      final: f.final,
    })),
    deadlines: deadlineOutcomes(report, rules, now),
    generatedAt: now.toISOString(),
  };
}

function outcome(clock: ClockName, dueAt: string, doneAt: string | undefined, now: Date): DeadlineOutcome {
  if (doneAt !== undefined) return { clock, dueAt, outcome: doneAt <= dueAt ? "met" : "missed", doneAt };
  return { clock, dueAt, outcome: Date.parse(dueAt) < now.getTime() ? "missed" : "running" };
}

/** Each deadline of the report met, missed or still running: the case file's, and the staff export's. */
export function deadlineOutcomes(report: Report, rules: DeadlineRules, now: Date): DeadlineOutcome[] {
  const outcomes: DeadlineOutcome[] = [];
  const open = report.status !== "resolved" && report.status !== "archived";
  if (report.verificationDueAt) {
    outcomes.push(
      outcome(
        "verification",
        report.verificationDueAt,
        report.verifiedAt ?? (open ? undefined : report.archivedAt),
        now,
      ),
    );
  }
  // Each overdue first follow-up was escalated: the level-1 record is the missed deadline.
  for (const e of report.escalations ?? []) {
    if (e.clock === "firstFollowUp" && e.level === 1)
      outcomes.push({ clock: e.clock, dueAt: e.at, outcome: "missed" });
  }
  const running = report.deadlines?.firstFollowUp;
  if (running && !outcomes.some((o) => o.clock === "firstFollowUp" && o.dueAt === running)) {
    outcomes.push(outcome("firstFollowUp", running, undefined, now));
  }
  if (report.verifiedAt) {
    const due = resolutionDue(
      new Date(report.verifiedAt),
      policyFor(report, rules),
      rules.calendar,
    ).toISOString();
    outcomes.push(
      outcome("resolution", due, report.resolvedAt ?? (open ? undefined : report.archivedAt), now),
    );
  }
  return outcomes.sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
}

/**
 * A self-contained printable page (no scripts, no external resources), with every instant in the
 * deployment's local time (`2026-12-01 23:59 WIB`); the JSON keeps ISO instants.
 */
export function renderCaseFileHtml(file: CaseFile, calendar: Pick<WorkingCalendar, "describe">): string {
  const local = (iso: string | undefined) =>
    iso === undefined ? undefined : calendar.describe(new Date(iso));
  const row = (cells: readonly (string | undefined)[]) =>
    `<tr>${cells.map((c) => `<td>${escapeHtml(c ?? "")}</td>`).join("")}</tr>`;
  const clockNames: Record<ClockName, string> = {
    verification: "Verifikasi dan disposisi",
    firstFollowUp: "Tindak lanjut pertama",
    autoResolve: "Penutupan otomatis",
    holdExpiry: "Batas melengkapi informasi",
    resolution: "Penyelesaian (60 hari)",
  };
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>Berkas kasus ${escapeHtml(file.trackingId)}</title>
<style>
  body { font: 14px/1.45 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #111; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 1.6rem; border-bottom: 1px solid #999; }
  table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #bbb; padding: .3rem .5rem; vertical-align: top; text-align: left; }
  .missed { color: #a00; font-weight: bold; } @media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>Berkas kasus / Case file ${escapeHtml(file.trackingId)}</h1>
<p><strong>${escapeHtml(file.title)}</strong></p>
<table>
${row(["Status", `${file.statusLabel} (${file.status})`])}
${row(["Instansi / Agency", file.agency])}
${row(["Kategori / Category", file.category])}
${row(["Diajukan / Submitted", local(file.submittedAt)])}
${row(["Diverifikasi / Verified", local(file.verifiedAt)])}
${row(["Selesai / Resolved", local(file.resolvedAt)])}
${row(["Dapat diteruskan ke Ombudsman sejak", local(file.ombudsmanEligibleAt)])}
</table>
<h2>Uraian / Description</h2>
<p>${escapeHtml(file.description)}</p>
<h2>Tenggat / Deadlines</h2>
<table><tr><th>Tahap</th><th>Batas waktu</th><th>Hasil</th><th>Dilakukan</th></tr>
${file.deadlines
  .map(
    (d) =>
      `<tr><td>${escapeHtml(clockNames[d.clock])}</td><td>${escapeHtml(local(d.dueAt) ?? "")}</td><td class="${d.outcome}">${escapeHtml(d.outcome)}</td><td>${escapeHtml(local(d.doneAt) ?? "")}</td></tr>`,
  )
  .join("\n")}
</table>
<h2>Disposisi / Dispositions</h2>
<table><tr><th>Waktu</th><th>Kepada</th><th>Jenis</th><th>Catatan</th></tr>
${file.dispositions.map((d) => row([local(d.at), d.to, d.type, d.note])).join("\n")}
</table>
<h2>Tindak lanjut / Follow-ups</h2>
<table><tr><th>Waktu</th><th>Instansi</th><th>Isi</th><th>Final</th></tr>
${file.followUps.map((f) => row([local(f.publishedAt), f.agency, f.message, f.final ? "ya" : ""])).join("\n")}
</table>
<h2>Kronologi / Chronology</h2>
<table><tr><th>Waktu</th><th>Peristiwa</th><th>Status</th><th>Instansi</th><th>Catatan</th></tr>
${file.chronology.map((e) => row([local(e.at), e.type, e.statusLabel, e.agency.name, e.note])).join("\n")}
</table>
<p><small>Dibuat / generated ${escapeHtml(local(file.generatedAt) ?? "")} oleh Aduan.</small></p>
</body>
</html>
`;
}
