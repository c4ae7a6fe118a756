/**
 * Return a report as "bukan wewenang" (not our authority): it goes back to whoever dispatched it,
 * with the reason shown in the timeline. Input: tracking ID, reason. Output: the staff view.
 */
import type { StaffPrincipal } from "../domain/access";
import { returnToDispatcher } from "../domain/staff-actions";
import { type ChangePorts, changeReportAsStaff } from "./change-report";

export async function returnReport(
  ports: ChangePorts,
  principal: StaffPrincipal,
  trackingId: string,
  reason: string,
) {
  return (
    await changeReportAsStaff(ports, principal, trackingId, ({ report }, ctx) =>
      returnToDispatcher(report, principal, reason, ctx),
    )
  ).view;
}
