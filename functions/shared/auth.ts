import { principalFromClaims, type StaffPrincipal } from "../domain/access";
import type { HttpEvent } from "./http";

/**
 * The staff member behind a request. The token itself was verified before the handler ran (the API
 * Gateway JWT authorizer in AWS, the local server's check locally); here the claims become a role
 * and an agency, or a 401/403.
 */
export function principalOf(event: HttpEvent): StaffPrincipal {
  return principalFromClaims(event.requestContext.authorizer?.jwt?.claims);
}
