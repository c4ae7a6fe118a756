/**
 * Constants the domain owns and infrastructure must agree with (Cognito groups, the agency claim,
 * the depth of the agency tree the inbox indexes cover). Pure values with no imports, so that
 * lib/ (CDK) and local/ may import them without pulling runtime code.
 */

/** One Cognito group per role. */
export const STAFF_ROLES = [
  "national_admin",
  "agency_admin",
  "unit_admin",
  "liaison_officer",
  "supervisor",
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The Cognito custom attribute holding a staff member's agency, and the claim it becomes. */
export const AGENCY_ID_ATTRIBUTE = "agency_id";
export const AGENCY_ID_CLAIM = `custom:${AGENCY_ID_ATTRIBUTE}`;

/** Depth of the agency tree: national (0) → province/ministry → regency/city → unit → sub-unit (4). */
export const MAX_AGENCY_DEPTH = 4;
