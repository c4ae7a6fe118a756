import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGroups, principalFromClaims } from "../../../functions/domain/access";
import { STAFF_ROLES } from "../../../functions/domain/constants";
import { domainErrorOf } from "../../fixtures/errors";

const base = { sub: "user-1", token_use: "id", "custom:agency_id": "kab-blora" };
const claims = (groups: unknown) => ({ ...base, "cognito:groups": groups });

describe("roles from the cognito:groups claim", () => {
  it.each([
    ["API Gateway's flattened form", "[agency_admin]", "agency_admin"],
    ["flattened, with a foreign group", "[auditors agency_admin]", "agency_admin"],
    ["a real array", ["unit_admin"], "unit_admin"],
    ["JSON text", '["supervisor","auditors"]', "supervisor"],
    ["a bare name", "national_admin", "national_admin"],
  ])("%s grants the one role named exactly", (_, groups, role) => {
    expect(principalFromClaims(claims(groups)).role).toBe(role);
  });

  it.each([
    ["a comma-joined group name", "[auditors,national_admin]"],
    ["a trailing space inside the brackets", "[national_admin ]"],
    ["a trailing space after a bare name", "national_admin "],
    ["a leading space", "[ national_admin]"],
    ["two spaces between names", "[auditors  national_admin]"],
    ["quotes in the flattened form", '["national_admin" auditors]'],
    ["an array element with a space", ["national_admin "]],
    ["a non-string array element", [["national_admin"]]],
    ["broken JSON", '["national_admin"'],
    ["nested brackets", "[[national_admin]]"],
    ["a number", 7],
    ["a different case", "[National_Admin]"],
    ["no groups", "[]"],
    ["two Aduan roles", "[agency_admin national_admin]"],
  ])("%s gives no role (403)", (_, groups) => {
    const error = domainErrorOf(() => principalFromClaims(claims(groups)));
    expect(error.kind).toBe("forbidden");
  });

  it("no group name that differs from a role by any character grants it (property)", () => {
    const role = fc.constantFrom(...STAFF_ROLES);
    const mangled = fc
      .tuple(role, fc.string({ minLength: 1, maxLength: 3 }), fc.boolean())
      .map(([r, extra, before]) => (before ? `${extra}${r}` : `${r}${extra}`));
    fc.assert(
      fc.property(mangled, fc.constantFrom("array", "flat", "json"), (name, form) => {
        const groups = form === "array" ? [name] : form === "json" ? JSON.stringify([name]) : `[${name}]`;
        const parsed = parseGroups(groups);
        if (parsed === undefined) return true; // refused: no role
        let principal: ReturnType<typeof principalFromClaims> | undefined;
        try {
          principal = principalFromClaims(claims(groups));
        } catch {
          return true;
        }
        // Only a flattened claim whose extra part is a separate, complete role name may grant one.
        return parsed.includes(principal.role);
      }),
      { numRuns: 2000 },
    );
  });
});
