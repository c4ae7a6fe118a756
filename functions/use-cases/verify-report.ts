/**
 * Verify a report (staff: national or agency admin).
 * Input: tracking ID, optional dispatch target, corrections (kind, category) and stricter privacy
 * flags. Output: the staff view. The report becomes `dispatched` — to `dispatchTo` if given,
 * otherwise to the agency already holding it.
 */
import type { StaffPrincipal } from "../domain/access";
import { type VerifyInput, verify } from "../domain/staff-actions";
import { type ChangePorts, changeReportAsStaff } from "./change-report";

export async function verifyReport(
  ports: ChangePorts,
  principal: StaffPrincipal,
  trackingId: string,
  input: VerifyInput,
) {
  return (
    await changeReportAsStaff(ports, principal, trackingId, ({ report }, ctx) =>
      verify(report, principal, input, ctx),
    )
  ).view;
}
