/**
 * Who may see and do what. Staff are scoped to one agency node: they see reports assigned to that
 * agency or anywhere below it, and nothing else. Out of scope is "not found" (404), never
 * "forbidden", so that staff cannot probe which reports exist; in scope but not allowed (a
 * supervisor acting, a unit admin verifying) is 403.
 */
import { AGENCY_ID_CLAIM, STAFF_ROLES } from "./constants";
import type { Directory } from "./directory";
import { DomainError, detail, reportNotFound } from "./errors";
import type { Actor, Report, StaffRole } from "./report";
import { type Text, text } from "./text";

export interface StaffPrincipal {
  readonly userId: string;
  readonly role: StaffRole;
  readonly agencyId: string;
}

export function staffActor(principal: StaffPrincipal): Actor {
  return { kind: "staff", role: principal.role, agencyId: principal.agencyId, userId: principal.userId };
}

/** A national admin sees everything; everyone else their agency's subtree. */
export function isInScope(principal: StaffPrincipal, agencyPath: readonly string[]): boolean {
  return principal.role === "national_admin" || agencyPath.includes(principal.agencyId);
}

/**
 * Whether a staff member may read a report in full, decided on the directory as it is now (never
 * on the ancestry stored with the report, which lags behind a move of an agency until the report
 * is re-indexed):
 * - a national admin reads everything;
 * - otherwise the report's current holder must be the caller's agency or lie below it;
 * - a confidential report is need-to-know (PRODUCT.md §2): only staff of the holder and of the
 *   agencies that dispatched it down to the holder (its dispatch chain), and never a supervisor.
 *   An agency that returned it, or that it was moved away from, is no longer on that path.
 */
export function canSee(principal: StaffPrincipal, report: Report, directory: Directory): boolean {
  if (!isInScope(principal, directory.ancestry(report.assignedAgencyId))) return false;
  const line = dispatchLine(report, directory);
  if (!line || principal.role === "national_admin") return true;
  return principal.role !== "supervisor" && line.has(principal.agencyId);
}

/** Out of sight is "not found": staff cannot probe which reports exist. */
export function assertCanSee(principal: StaffPrincipal, report: Report, directory: Directory): void {
  if (!canSee(principal, report, directory)) throw reportNotFound(report.trackingId);
}

/**
 * The agencies that may be told about a confidential report: its dispatch line, and the national
 * root (the national admin is always told). Other reports: anyone (undefined).
 */
export function needToKnow(report: Report, directory: Directory): ReadonlySet<string> | undefined {
  const line = dispatchLine(report, directory);
  return line && new Set([directory.root().id, ...line]);
}

/**
 * A confidential report's need-to-know agencies: the holder and the agencies that dispatched it
 * down to it, as far as they are still its ancestors (one that returned it, or that it was moved
 * away from, is not). Undefined for a report that is not confidential.
 */
function dispatchLine(report: Report, directory: Directory): ReadonlySet<string> | undefined {
  if (!report.confidential) return undefined;
  const path = directory.ancestry(report.assignedAgencyId);
  return new Set([
    report.assignedAgencyId,
    ...(report.dispatchChain ?? []).filter((id) => path.includes(id)),
  ]);
}

/** The agency a staff member may look into: their own, or one below it. */
export function assertAgencyInScope(principal: StaffPrincipal, agencyId: string, directory: Directory): void {
  const agency = directory.agency(agencyId);
  if (!agency || !isInScope(principal, directory.ancestry(agencyId))) {
    throw new DomainError(
      "not_found",
      "agency_not_found",
      text(`Instansi ${agencyId} tidak ada dalam lingkup Anda.`, `No agency ${agencyId} within your scope.`),
      [
        detail(
          "agencyId",
          "tidak dikenal atau di luar lingkup instansi Anda",
          "unknown or outside your agency's subtree",
        ),
      ],
    );
  }
}

export function forbidden(message: Text): DomainError {
  return new DomainError("forbidden", "forbidden", message);
}

/** Parses the claims the API Gateway JWT authorizer (or the local server) passes on. */
export function principalFromClaims(claims: Record<string, unknown> | undefined): StaffPrincipal {
  const unauthorized = (why: Text) =>
    new DomainError(
      "unauthorized",
      "unauthorized",
      text(`Petugas harus masuk terlebih dahulu: ${why.id}.`, `Staff sign-in required: ${why.en}.`),
    );
  if (!claims) throw unauthorized(text("tidak ada token yang terverifikasi", "no verified token"));
  const userId = typeof claims.sub === "string" ? claims.sub : undefined;
  const agencyId = typeof claims[AGENCY_ID_CLAIM] === "string" ? claims[AGENCY_ID_CLAIM] : undefined;
  if (!userId) throw unauthorized(text("token tidak memiliki subjek", "the token has no subject"));
  // Only ID tokens carry the agency; API Gateway's JWT authorizer would also pass access tokens.
  if (claims.token_use !== undefined && claims.token_use !== "id")
    throw unauthorized(text("kirim token ID", "send the ID token"));
  const groups = parseGroups(claims["cognito:groups"]);
  if (groups === undefined) {
    throw forbidden(
      text(
        "Klaim grup akun Anda tidak dapat dibaca dengan pasti.",
        "Your account's groups claim cannot be read unambiguously.",
      ),
    );
  }
  const roles = STAFF_ROLES.filter((candidate) => groups.includes(candidate));
  const [role] = roles;
  if (!role) {
    throw forbidden(
      text(
        "Akun Anda tidak memiliki peran Aduan (grup Cognito).",
        "Your account has no Aduan role (Cognito group).",
      ),
    );
  }
  if (roles.length > 1) {
    throw forbidden(
      text(
        "Akun Anda berada di lebih dari satu grup peran Aduan; seharusnya tepat satu.",
        "Your account is in more than one Aduan role group; it must be in one.",
      ),
    );
  }
  if (!agencyId) {
    throw forbidden(
      text(
        "Akun Anda tidak terhubung ke instansi mana pun (custom:agency_id).",
        "Your account is not attached to an agency (custom:agency_id).",
      ),
    );
  }
  return { userId, role, agencyId };
}

/**
 * The groups of a `cognito:groups` claim, or `undefined` when the claim cannot be read
 * unambiguously. API Gateway's JWT authorizer flattens an array claim to `[a b]` (brackets, one
 * space between names, no quotes); tokens checked elsewhere may carry a real array or its JSON.
 * Cognito group names never contain whitespace, so anything else — doubled or trailing spaces,
 * quotes, nested brackets — is refused rather than guessed at. A name is only ever compared whole:
 * a group called `auditors,national_admin` is not the national admin group.
 */
export function parseGroups(raw: unknown): readonly string[] | undefined {
  if (raw === undefined) return [];
  if (Array.isArray(raw)) return raw.every((g) => typeof g === "string") ? raw : undefined;
  if (typeof raw !== "string") return undefined;
  if (raw.startsWith('["')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) && parsed.every((g) => typeof g === "string") ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
  if (raw === "[]") return [];
  const flattened = /^\[([^\s[\]"]+(?: [^\s[\]"]+)*)\]$/.exec(raw);
  if (flattened?.[1] !== undefined) return flattened[1].split(" ");
  // One bare group name (no brackets, no whitespace).
  return /^[^\s[\]"]+$/.test(raw) ? [raw] : undefined;
}

/**
 * Who administers an agency's machinery (notification channels, API keys): the national admin, and
 * the agency admins of the agency or of an agency above it. Out of scope is 404, in scope with
 * another role 403 (`why` says what only admins may do).
 */
export function assertAdminOf(
  principal: StaffPrincipal,
  agencyId: string,
  directory: Directory,
  why: Text,
): void {
  assertAgencyInScope(principal, agencyId, directory);
  if (principal.role !== "national_admin" && principal.role !== "agency_admin") throw forbidden(why);
}

/** Contact e-mails, webhooks and the delivery log. */
export function assertManagesChannels(
  principal: StaffPrincipal,
  agencyId: string,
  directory: Directory,
): void {
  assertAdminOf(
    principal,
    agencyId,
    directory,
    text(
      "Hanya Admin Instansi dan Admin Nasional yang mengelola saluran notifikasi instansi.",
      "Only agency admins and the national admin manage an agency's notification channels.",
    ),
  );
}
