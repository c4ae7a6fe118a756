import { principalFromClaims, type StaffPrincipal } from "../domain/access";
import { type ApiKeyAuthPorts, authenticateApiKey } from "../use-cases/authenticate-api-key";
import { type HttpEvent, header } from "./http";

/**
 * The staff member behind a request. The token itself was verified before the handler ran (the API
 * Gateway JWT authorizer in AWS, the local server's check locally); here the claims become a role
 * and an agency, or a 401/403.
 */
export function principalOf(event: HttpEvent): StaffPrincipal {
  return principalFromClaims(event.requestContext.authorizer?.jwt?.claims);
}

/**
 * The staff principal an `agency:sync` API key acts as: its agency, with a liaison officer's role
 * rules (it reads the subtree and publishes follow-ups; it verifies, dispatches or archives nothing).
 */
export async function syncPrincipalOf(event: HttpEvent, ports: ApiKeyAuthPorts): Promise<StaffPrincipal> {
  const key = await authenticateApiKey(ports, header(event, "x-api-key"), "agency:sync");
  return { userId: `api-key:${key.id}`, role: "liaison_officer", agencyId: key.agencyId };
}
