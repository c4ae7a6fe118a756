/**
 * The one path every lifecycle action takes: load → check who may see it → decide (pure domain)
 * → write conditionally on the version loaded. Two people acting at once: one write wins, the
 * other is answered 409 `invalid_transition` naming the status the report has now.
 */
import { assertCanSee, type StaffPrincipal } from "../domain/access";
import type { Attachment } from "../domain/attachments";
import type { DeadlineRules } from "../domain/deadlines";
import type { Directory } from "../domain/directory";
import { DomainError, detail, reportNotFound } from "../domain/errors";
import { type ReportView, viewReport } from "../domain/report-views";
import { accessTokenMatches } from "../domain/secrets";
import { text } from "../domain/text";
import type { Change, TransitionContext } from "../domain/transitions";
import { loadReport } from "./load-report";
import type { Clock, DirectoryRepository, ReportRepository, StoredReport } from "./ports";

export interface ChangePorts {
  readonly reports: ReportRepository;
  readonly directory: DirectoryRepository;
  readonly clock: Clock;
  readonly rules: DeadlineRules;
}

export type Decide = (stored: StoredReport, ctx: TransitionContext) => Change | Promise<Change>;

export interface ChangeResult {
  readonly change: Change;
  readonly view: ReportView;
}

export async function changeReportAsStaff(
  ports: ChangePorts,
  principal: StaffPrincipal,
  trackingIdInput: string,
  decide: Decide,
): Promise<ChangeResult> {
  return change(ports, trackingIdInput, decide, (stored, directory) => {
    assertCanSee(principal, stored.report, directory);
    return { kind: "staff", principal };
  });
}

export async function changeReportAsReporter(
  ports: ChangePorts,
  trackingIdInput: string,
  accessToken: string | undefined,
  decide: Decide,
): Promise<ChangeResult> {
  return change(ports, trackingIdInput, decide, (stored) => {
    assertReporter(stored, accessToken);
    return { kind: "reporter" };
  });
}

/** The access token proves the caller filed the report; a confidential report never confirms it exists. */
export function assertReporter(stored: StoredReport, accessToken: string | undefined): void {
  if (accessTokenMatches(accessToken, stored.report.accessTokenHash)) return;
  if (stored.report.confidential) throw reportNotFound(stored.report.trackingId);
  if (accessToken === undefined) {
    throw new DomainError(
      "unauthorized",
      "unauthorized",
      text(
        "Kirim token akses laporan ini di header X-Access-Token.",
        "Send the report's access token in X-Access-Token.",
      ),
      [detail("X-Access-Token", "wajib diisi", "required")],
    );
  }
  throw new DomainError(
    "forbidden",
    "invalid_access_token",
    text("Token akses tidak cocok dengan laporan ini.", "The access token does not match this report."),
    [detail("X-Access-Token", "tidak cocok", "does not match")],
  );
}

async function change(
  ports: ChangePorts,
  trackingIdInput: string,
  decide: Decide,
  authorize: (stored: StoredReport, directory: Directory) => Parameters<typeof viewReport>[2],
): Promise<ChangeResult> {
  const { trackingId, stored, directory } = await loadReport(ports, trackingIdInput);
  const viewer = authorize(stored, directory);
  const decided = await decide(stored, { now: ports.clock.now(), directory, rules: ports.rules });
  const outcome = await ports.reports.saveChange(stored.report.version, decided);
  if (outcome === "conflict") throw await lostRace(ports.reports, trackingId);
  return { change: decided, view: viewAfter(stored, decided, viewer, directory) };
}

function viewAfter(
  stored: StoredReport,
  decided: Change,
  viewer: Parameters<typeof viewReport>[2],
  directory: Directory,
): ReportView {
  const followUps = decided.followUp
    ? [...stored.followUps.filter((f) => f.id !== decided.followUp?.id), decided.followUp]
    : stored.followUps;
  const attachments = decided.attachment
    ? (stored.attachments ?? []).map((a) =>
        a.id === decided.attachment?.id ? (decided.attachment as Attachment) : a,
      )
    : (stored.attachments ?? []);
  return viewReport(decided.report, [...stored.timeline, decided.event], viewer, directory, followUps, {
    attachments,
  });
}

async function lostRace(reports: ReportRepository, trackingId: string): Promise<DomainError> {
  const now = await reports.load(trackingId);
  const status = now?.report.status ?? "unknown";
  return new DomainError(
    "conflict",
    "invalid_transition",
    text(
      `Laporan ${trackingId} diubah orang lain pada saat yang sama; statusnya sekarang ${status}. Muat ulang lalu coba lagi.`,
      `Report ${trackingId} was changed by someone else at the same moment; it is now ${status}. Reload and try again.`,
    ),
    [detail("status", `status sekarang ${status}`, `current status is ${status}`)],
  );
}
