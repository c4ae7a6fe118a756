/**
 * The reporter records that they forward the case to the Ombudsman, once the resolution deadline
 * has passed (the sweep marks the report eligible). Input: tracking ID, access token.
 * Output: the reporter's view, whose timeline now shows the forwarding.
 */
import { recordOmbudsmanForwarding } from "../domain/reporter-actions";
import { type ChangePorts, changeReportAsReporter } from "./change-report";

export async function forwardToOmbudsman(
  ports: ChangePorts,
  trackingId: string,
  accessToken: string | undefined,
) {
  return (
    await changeReportAsReporter(ports, trackingId, accessToken, ({ report }, ctx) =>
      recordOmbudsmanForwarding(report, ctx),
    )
  ).view;
}
