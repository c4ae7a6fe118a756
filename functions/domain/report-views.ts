/**
 * What each viewer may see of a report. Privacy is enforced here, where data leaves the system:
 * - the public never sees a confidential report (it does not exist for them: 404), never the
 *   reporter's contact, never internal notes, never a staff member's identity;
 * - the reporter (proved by the access token) sees everything they filed, minus internal notes.
 */
import type { Directory } from "./directory";
import { reportNotFound } from "./errors";
import {
  type Actor,
  type Location,
  type Report,
  type ReportKind,
  type ReporterContact,
  type ReportStatus,
  STATUS_LABELS,
  type TimelineEvent,
  type TimelineEventType,
} from "./report";

export type Viewer = { readonly kind: "public" } | { readonly kind: "reporter" };

export interface ActorView {
  readonly kind: Actor["kind"];
  readonly role?: string;
  readonly agencyId?: string;
  readonly agencyName?: string;
}

export interface TimelineEventView {
  readonly seq: number;
  readonly at: string;
  readonly type: TimelineEventType;
  readonly status: ReportStatus;
  readonly statusLabel: string;
  readonly actor: ActorView;
  readonly agency: { readonly id: string; readonly name: string };
  readonly note?: string;
}

export interface ReportView {
  readonly viewer: Viewer["kind"];
  readonly trackingId: string;
  readonly kind: ReportKind;
  readonly title: string;
  readonly description: string;
  readonly category: { readonly code: string; readonly name: string };
  readonly occurredOn?: string;
  readonly location?: Location;
  readonly agency: { readonly id: string; readonly name: string };
  readonly status: ReportStatus;
  readonly statusLabel: string;
  readonly anonymous: boolean;
  readonly confidential: boolean;
  readonly reporter?: ReporterContact;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly timeline: readonly TimelineEventView[];
}

export function viewReport(
  report: Report,
  timeline: readonly TimelineEvent[],
  viewer: Viewer,
  directory: Directory,
): ReportView {
  if (viewer.kind === "public" && report.confidential) throw reportNotFound(report.trackingId);
  const agencyRef = (id: string) => ({ id, name: directory.agency(id)?.name ?? id });
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
    ...(viewer.kind === "reporter" && report.reporter !== undefined && { reporter: report.reporter }),
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    timeline: timeline
      .filter((event) => !event.internal)
      .map((event) => ({
        seq: event.seq,
        at: event.at,
        type: event.type,
        status: event.status,
        statusLabel: STATUS_LABELS[event.status],
        actor: actorView(event.actor, directory),
        agency: agencyRef(event.agencyId),
        ...(event.note !== undefined && { note: event.note }),
      })),
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
