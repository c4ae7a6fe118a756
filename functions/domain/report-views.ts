/**
 * What each viewer may see of a report. Privacy is enforced here, where data leaves the system:
 * - the public never sees a confidential report (it does not exist for them: 404), never the
 *   reporter's contact, never a reporter's messages or staff-only notes, never a staff member's
 *   identity;
 * - the reporter (proved by the access token) sees everything they filed and every event meant for
 *   them, minus staff-only notes and drafts;
 * - staff (in scope) see everything, except the contact of an anonymous reporter — never, in any
 *   staff view.
 */
import type { StaffPrincipal } from "./access";
import { type Attachment, visibleAttachments } from "./attachments";
import type { Directory } from "./directory";
import { reportNotFound } from "./errors";
import {
  type Actor,
  type FollowUp,
  type Report,
  STATUS_LABELS,
  type TimelineEvent,
  type Visibility,
} from "./report";
import type { Locale } from "./text";
import { staffActionsFor } from "./transitions";
import type { ReportSummary, ReportView, TimelineEventView } from "./views";

export type Viewer =
  | { readonly kind: "public" }
  | { readonly kind: "reporter" }
  | { readonly kind: "staff"; readonly principal: StaffPrincipal };

const RANK: Record<Visibility, number> = { public: 0, reporter: 1, staff: 2 };
const VIEWER_RANK: Record<Viewer["kind"], number> = { public: 0, reporter: 1, staff: 2 };

export type { ReportSummary, ReportView };

type ActorView = TimelineEventView["actor"];

export interface ViewOptions {
  /**
   * The original a duplicate points to (`duplicateOf`) may be named to the public and the reporter:
   * only when the caller checked it exists and is not confidential. Staff always see it (they get
   * 404 on the original if it is not theirs to read). @default false
   */
  readonly duplicateOfPublic?: boolean;
  /** The report's attachments, of which the view shows what the viewer may see. @default none */
  readonly attachments?: readonly Attachment[];
  /** Language of the words the view carries (an attachment's rejection reason). @default "id" */
  readonly locale?: Locale;
}

export function viewReport(
  report: Report,
  timeline: readonly TimelineEvent[],
  viewer: Viewer,
  directory: Directory,
  followUps: readonly FollowUp[] = [],
  options: ViewOptions = {},
): ReportView {
  if (viewer.kind === "public" && report.confidential) throw reportNotFound(report.trackingId);
  // A confidential report is never named outside need-to-know, not even as an original.
  const showDuplicateOf = viewer.kind === "staff" || options.duplicateOfPublic === true;
  const rank = VIEWER_RANK[viewer.kind];
  const agencyRef = (id: string) => ({ id, name: directory.agency(id)?.name ?? id });
  const showContact =
    report.reporter !== undefined &&
    (viewer.kind === "reporter" || (viewer.kind === "staff" && !report.anonymous));
  return {
    viewer: viewer.kind,
    trackingId: report.trackingId,
    kind: report.kind,
    title: report.title,
    description: report.description,
    category: { code: report.category, name: directory.category(report.category)?.name ?? report.category },
    ...(report.occurredOn !== undefined && { occurredOn: report.occurredOn }),
    ...(report.location !== undefined && { location: report.location }),
    agency: agencyRef(report.assignedAgencyId),
    status: report.status,
    statusLabel: STATUS_LABELS[report.status],
    anonymous: report.anonymous,
    confidential: report.confidential,
    ...(showContact && { reporter: report.reporter }),
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    ...(report.verifiedAt !== undefined && { verifiedAt: report.verifiedAt }),
    ...(report.resolutionProposedAt !== undefined && { resolutionProposedAt: report.resolutionProposedAt }),
    ...(report.resolvedAt !== undefined && { resolvedAt: report.resolvedAt }),
    ...(report.rating !== undefined && { rating: report.rating }),
    ...(report.archiveReason !== undefined && { archiveReason: report.archiveReason }),
    ...(report.duplicateOf !== undefined && showDuplicateOf && { duplicateOf: report.duplicateOf }),
    attachments: visibleAttachments(report, options.attachments ?? [], viewer, directory, options.locale),
    followUps: followUps
      .filter((f) => f.status === "published" || viewer.kind === "staff")
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
      .map((f) => ({
        id: f.id,
        message: f.message,
        final: f.final,
        status: f.status,
        agency: agencyRef(f.agencyId),
        createdAt: f.createdAt,
        ...(f.publishedAt !== undefined && { publishedAt: f.publishedAt }),
      })),
    timeline: [...timeline]
      .sort((a, b) => a.seq - b.seq)
      .filter((event) => RANK[event.visibility] <= rank)
      .map((event) => {
        const noteVisible =
          event.note !== undefined && RANK[event.noteVisibility ?? event.visibility] <= rank;
        return {
          seq: event.seq,
          at: event.at,
          type: event.type,
          status: event.status,
          statusLabel: STATUS_LABELS[event.status],
          actor: actorView(event.actor, directory),
          agency: agencyRef(event.agencyId),
          ...(noteVisible && { note: event.note }),
          ...(event.followUpId !== undefined && { followUpId: event.followUpId }),
          ...(event.attachmentId !== undefined && { attachmentId: event.attachmentId }),
          ...(event.rating !== undefined && { rating: event.rating }),
          ...(event.archiveReason !== undefined && { archiveReason: event.archiveReason }),
          ...(event.duplicateOf !== undefined && showDuplicateOf && { duplicateOf: event.duplicateOf }),
          ...(event.clock !== undefined && { clock: event.clock, level: event.level }),
          ...(event.targets !== undefined && { targets: [...event.targets] }),
        };
      }),
    ...(viewer.kind !== "public" && {
      deadlines: report.deadlines ?? {},
      ...(report.ombudsmanEligibleAt !== undefined && { ombudsmanEligibleAt: report.ombudsmanEligibleAt }),
      ...(report.ombudsmanForwardedAt !== undefined && { ombudsmanForwardedAt: report.ombudsmanForwardedAt }),
    }),
    ...(viewer.kind === "staff" && {
      ...(report.channel !== undefined && { channel: { ...report.channel } }),
      version: report.version,
      dispatchChain: [...(report.dispatchChain ?? [])],
      escalations: [...(report.escalations ?? [])],
      actions: staffActionsFor(report.status, viewer.principal.role),
    }),
  };
}

export function summarize(report: Report): ReportSummary {
  return {
    trackingId: report.trackingId,
    kind: report.kind,
    title: report.title,
    category: report.category,
    agencyId: report.assignedAgencyId,
    status: report.status,
    statusLabel: STATUS_LABELS[report.status],
    anonymous: report.anonymous,
    confidential: report.confidential,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    ...(report.overdueAt !== undefined && { overdueAt: report.overdueAt }),
  };
}

/** Staff appear by role and agency only: a staff member's personal identity never leaves. */
function actorView(actor: Actor, directory: Directory): ActorView {
  if (actor.kind !== "staff") return { kind: actor.kind };
  return {
    kind: "staff",
    role: actor.role,
    agencyId: actor.agencyId,
    agencyName: directory.agency(actor.agencyId)?.name ?? actor.agencyId,
  };
}
