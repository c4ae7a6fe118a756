/**
 * Ask for a one-time code to recover a lost access token (public).
 *
 * Input: a tracking ID. Output: nothing the caller can learn from — the route answers 202 whether
 * or not the report exists, has an address, or the day's 3 codes are used up.
 * Steps: load the report; without an e-mail address on file, stop; record a new code (its hash, on
 * condition of the record's revision); e-mail the code to the address on file only. The old token
 * keeps working: only confirming a code replaces it (confirm-access-token.ts).
 */
import { issueCode } from "../domain/access-recovery";
import { accessCodeEmail } from "../domain/reporter-emails";
import { parseTrackingId } from "../domain/tracking-id";
import type { AccessRecoveryStore, Clock, IdGenerator, Mailer, ReportRepository } from "./ports";
import type { NotificationLinks } from "./send-notifications";

export interface RequestAccessTokenPorts {
  readonly reports: ReportRepository;
  readonly accessRecovery: AccessRecoveryStore;
  readonly mailer: Mailer;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly links: Pick<NotificationLinks, "trackingUrl">;
}

export type CodeRequestOutcome = "sent" | "no_report" | "no_address" | "limited" | "conflict";

export async function requestAccessToken(
  ports: RequestAccessTokenPorts,
  trackingIdInput: string,
): Promise<CodeRequestOutcome> {
  const trackingId = parseTrackingId(trackingIdInput);
  const stored = await ports.reports.load(trackingId);
  if (!stored) return "no_report";
  const address = stored.report.reporter?.email;
  if (!address) return "no_address";
  const code = ports.ids.oneTimeCode();
  const issued = issueCode(await ports.accessRecovery.get(trackingId), trackingId, code, ports.clock.now());
  if (issued.outcome === "limited") return "limited";
  // A concurrent request won: its code is on its way, which is what the reporter needs.
  if ((await ports.accessRecovery.save(issued.next)) === "conflict") return "conflict";
  const email = accessCodeEmail(trackingId, code, {
    locale: stored.report.locale ?? "id",
    trackingUrl: ports.links.trackingUrl(trackingId),
  });
  await ports.mailer.send({
    to: [address],
    ...email,
    tags: { notification: "access_code", audience: "reporter" },
  });
  return "sent";
}
