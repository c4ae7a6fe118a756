/**
 * Dispatch (disposisi) a verified report further down the tree: the national admin to an agency,
 * an agency admin to one of its units. Input: tracking ID, target agency, optional internal note.
 * Output: the staff view.
 */
import type { StaffPrincipal } from "../domain/access";
import { dispatch } from "../domain/staff-actions";
import { type ChangePorts, changeReportAsStaff } from "./change-report";

export async function dispatchReport(
  ports: ChangePorts,
  principal: StaffPrincipal,
  trackingId: string,
  input: { readonly agencyId: string; readonly note?: string },
) {
  return (
    await changeReportAsStaff(ports, principal, trackingId, ({ report }, ctx) =>
      dispatch(report, principal, input, ctx),
    )
  ).view;
}
