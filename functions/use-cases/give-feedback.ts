/**
 * The reporter answers a proposed resolution: accepted with a rating 1–5 (→ resolved) or rejected
 * with a comment (→ back to in_progress, recorded as reopened).
 * Input: tracking ID, access token, feedback. Output: the reporter's view.
 */
import { answerResolution, type FeedbackInput } from "../domain/reporter-actions";
import { type ChangePorts, changeReportAsReporter } from "./change-report";

export async function giveFeedback(
  ports: ChangePorts,
  trackingId: string,
  accessToken: string | undefined,
  feedback: FeedbackInput,
) {
  return (
    await changeReportAsReporter(ports, trackingId, accessToken, ({ report }, ctx) =>
      answerResolution(report, feedback, ctx),
    )
  ).view;
}
