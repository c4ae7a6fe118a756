/**
 * Put a submitted report on hold, asking the reporter for more information (status `on_hold`).
 * Input: tracking ID and the question for the reporter. Output: the staff view.
 */
import type { StaffPrincipal } from "../domain/access";
import { hold } from "../domain/staff-actions";
import { type ChangePorts, changeReportAsStaff } from "./change-report";

export async function holdReport(
  ports: ChangePorts,
  principal: StaffPrincipal,
  trackingId: string,
  reason: string,
) {
  return (
    await changeReportAsStaff(ports, principal, trackingId, ({ report }, ctx) =>
      hold(report, principal, reason, ctx),
    )
  ).view;
}
