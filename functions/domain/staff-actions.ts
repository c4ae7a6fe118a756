/**
 * What staff do to a report before any follow-up: verify (and dispatch), hold, archive, dispatch
 * further down, and return as "not our authority".
 */
import { assertAgencyInScope, forbidden, type StaffPrincipal, staffActor } from "./access";
import { DomainError, detail } from "./errors";
import type { Report, ReportKind, STAFF_ARCHIVE_REASONS } from "./report";
import { text } from "./text";
import {
  apply,
  assertAllowed,
  assignTo,
  type Change,
  invalidTransition,
  type TransitionContext,
} from "./transitions";

/**
 * Dispatch goes down the tree only. The target's existence and scope are checked before (404);
 * a target not below where the report is *now* conflicts with its current state — typically
 * someone else dispatched it a moment earlier — so it is a 409 naming where the report is.
 */
function assertBelow(report: Report, target: string, ctx: TransitionContext, allowSelf: boolean): void {
  const path = ctx.directory.ancestry(target);
  const below = path.includes(report.assignedAgencyId) && (allowSelf || target !== report.assignedAgencyId);
  if (!below) {
    const here = report.assignedAgencyId;
    throw new DomainError(
      "conflict",
      "invalid_transition",
      text(
        `Laporan ${report.trackingId} kini ada di ${here}; laporan hanya dapat didisposisikan ke instansi ${allowSelf ? "itu atau " : ""}di bawahnya.`,
        `Report ${report.trackingId} is now with ${here}; it can only be dispatched to an agency ${allowSelf ? "at or " : ""}below that.`,
      ),
      [
        detail("agencyId", `harus instansi di bawah ${here}`, `must be an agency below ${here}`),
        detail("status", `status sekarang ${report.status}`, `current status is ${report.status}`),
      ],
    );
  }
}

export interface VerifyInput {
  readonly dispatchTo?: string;
  readonly kind?: ReportKind;
  readonly category?: string;
  readonly anonymous?: boolean;
  readonly confidential?: boolean;
  readonly note?: string;
}

/** Accept a report; optionally correct it, make it stricter, and dispatch it in the same step. */
export function verify(
  report: Report,
  principal: StaffPrincipal,
  input: VerifyInput,
  ctx: TransitionContext,
): Change {
  assertAllowed(report, "verify", principal.role);
  if (input.category !== undefined && !ctx.directory.category(input.category)) {
    throw new DomainError("invalid", "invalid_input", text("Kategori tidak dikenal.", "Unknown category."), [
      detail(
        "category",
        `kategori '${input.category}' tidak dikenal`,
        `unknown category '${input.category}'`,
      ),
    ]);
  }
  if (input.anonymous === false && report.anonymous) throw looser("anonymous");
  if (input.confidential === false && report.confidential) throw looser("confidential");
  const target = input.dispatchTo ?? report.assignedAgencyId;
  if (input.dispatchTo !== undefined) {
    assertAgencyInScope(principal, input.dispatchTo, ctx.directory);
    assertBelow(report, input.dispatchTo, ctx, true);
  }
  const dispatched = target !== report.assignedAgencyId;
  return apply(
    report,
    "verify",
    ctx,
    {
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.category !== undefined && { category: input.category }),
      anonymous: report.anonymous || input.anonymous === true,
      confidential: report.confidential || input.confidential === true,
      verifiedAt: ctx.now.toISOString(),
      ...assignTo(target, ctx),
      ...(dispatched && { dispatchChain: [...(report.dispatchChain ?? []), report.assignedAgencyId] }),
    },
    {
      type: "verified",
      actor: staffActor(principal),
      visibility: "public",
      ...(input.note !== undefined && { note: input.note, noteVisibility: "staff" as const }),
    },
  );
}

function looser(flag: string): DomainError {
  return new DomainError(
    "invalid",
    "invalid_input",
    text(
      "Pengaturan privasi hanya dapat diperketat, tidak dapat dilonggarkan.",
      "Privacy flags can be made stricter, never looser.",
    ),
    [detail(flag, "tidak dapat dimatikan setelah dinyalakan", "cannot be switched off once set")],
  );
}

/** Ask the reporter for more information; the verification clock pauses. */
export function hold(
  report: Report,
  principal: StaffPrincipal,
  reason: string,
  ctx: TransitionContext,
): Change {
  assertAllowed(report, "hold", principal.role);
  return apply(
    report,
    "hold",
    ctx,
    { heldAt: ctx.now.toISOString() },
    {
      type: "held",
      actor: staffActor(principal),
      visibility: "public",
      note: reason,
      noteVisibility: "reporter",
    },
  );
}

export interface ArchiveInput {
  readonly reason: (typeof STAFF_ARCHIVE_REASONS)[number];
  readonly note?: string;
  /** Canonical tracking ID of the original, when reason is `duplicate` (existence checked by the caller). */
  readonly duplicateOf?: string;
}

export function archive(
  report: Report,
  principal: StaffPrincipal,
  input: ArchiveInput,
  ctx: TransitionContext,
): Change {
  assertAllowed(report, "archive", principal.role);
  if (
    (input.reason === "duplicate") !== (input.duplicateOf !== undefined) ||
    input.duplicateOf === report.trackingId
  ) {
    throw new DomainError(
      "invalid",
      "invalid_input",
      text(
        "Laporan duplikat menyebut laporan aslinya, dan hanya laporan duplikat yang menyebutnya.",
        "A duplicate names the original report, and only a duplicate does.",
      ),
      [
        detail(
          "duplicateOf",
          "wajib diisi (dan berbeda dari laporan ini) tepat ketika alasannya duplicate",
          "required (and different from this report) exactly when reason is duplicate",
        ),
      ],
    );
  }
  return apply(
    report,
    "archive",
    ctx,
    {
      archivedAt: ctx.now.toISOString(),
      archiveReason: input.reason,
      ...(input.duplicateOf !== undefined && { duplicateOf: input.duplicateOf }),
    },
    {
      type: "archived",
      actor: staffActor(principal),
      visibility: "public",
      archiveReason: input.reason,
      ...(input.duplicateOf !== undefined && { duplicateOf: input.duplicateOf }),
      ...(input.note !== undefined && { note: input.note, noteVisibility: "reporter" as const }),
    },
  );
}

/** Route the report further down: national admin to an agency, agency admin to one of its units. */
export function dispatch(
  report: Report,
  principal: StaffPrincipal,
  input: { readonly agencyId: string; readonly note?: string },
  ctx: TransitionContext,
): Change {
  assertAllowed(report, "dispatch", principal.role);
  assertAgencyInScope(principal, input.agencyId, ctx.directory);
  assertBelow(report, input.agencyId, ctx, false);
  return apply(
    report,
    "dispatch",
    ctx,
    {
      ...assignTo(input.agencyId, ctx),
      dispatchChain: [...(report.dispatchChain ?? []), report.assignedAgencyId],
    },
    {
      type: "dispatched",
      actor: staffActor(principal),
      visibility: "public",
      ...(input.note !== undefined && { note: input.note, noteVisibility: "staff" as const }),
    },
  );
}

/**
 * "Bukan wewenang": the agency holding the report says it is not theirs. It goes back to whoever
 * dispatched it (or to the national admin when the citizen addressed this agency directly).
 */
export function returnToDispatcher(
  report: Report,
  principal: StaffPrincipal,
  reason: string,
  ctx: TransitionContext,
): Change {
  assertAllowed(report, "return", principal.role);
  if (principal.agencyId !== report.assignedAgencyId) {
    throw forbidden(
      text(
        "Hanya instansi yang memegang laporan ini yang dapat mengembalikannya.",
        "Only the agency the report is assigned to can return it.",
      ),
    );
  }
  const chain = report.dispatchChain ?? [];
  const root = ctx.directory.root().id;
  const target = chain.at(-1) ?? root;
  if (target === report.assignedAgencyId)
    throw invalidTransition(
      report,
      "return",
      text("tidak ada pihak untuk menerima pengembalian", "there is nobody to return it to"),
    );
  return apply(
    report,
    "return",
    ctx,
    { ...assignTo(target, ctx), dispatchChain: chain.slice(0, -1) },
    { type: "returned", actor: staffActor(principal), visibility: "public", note: reason },
  );
}
