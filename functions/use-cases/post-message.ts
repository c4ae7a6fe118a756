/**
 * The reporter writes to the staff handling the report. On a report on hold, the message supplies
 * the information asked for and the report returns to `submitted` (its verification clock resumes).
 * Input: tracking ID, access token, message. Output: the reporter's view.
 */
import { reporterMessage } from "../domain/reporter-actions";
import { type ChangePorts, changeReportAsReporter } from "./change-report";

export async function postMessage(
  ports: ChangePorts,
  trackingId: string,
  accessToken: string | undefined,
  message: string,
) {
  return (
    await changeReportAsReporter(ports, trackingId, accessToken, ({ report }, ctx) =>
      reporterMessage(report, message, ctx),
    )
  ).view;
}
