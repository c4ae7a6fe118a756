/**
 * Who hears of what (issue 11's table; PRODUCT.md §6): from one committed timeline event and the
 * report as that event left it, the notifications it owes — to the reporter (by e-mail, when they
 * gave an address) and to agencies (e-mail and webhooks). Pure. Each intent carries a deterministic
 * id (report, event and audience), so that a redelivered change is dropped, never sent twice.
 *
 * | event                                  | reporter                           | agency                          |
 * |----------------------------------------|------------------------------------|---------------------------------|
 * | submitted                              | a receipt                          | the agency the citizen chose    |
 * | verified / dispatched to an agency     | one                                | the receiving agency            |
 * | dispatched inside an agency (a unit)   | —                                  | the receiving unit              |
 * | held                                   | one, saying what is needed         | —                               |
 * | follow-up published (not final)        | one                                | —                               |
 * | final follow-up (resolution proposed)  | one, asking to accept or reject    | —                               |
 * | resolved (reporter or automatically)   | one                                | the holding agency              |
 * | reopened by the reporter               | —                                  | the holding agency              |
 * | archived                               | one, with the reason               | —                               |
 * | returned as not our authority          | —                                  | the agency it returns to        |
 * | escalated (each level)                 | —                                  | the level's targets             |
 * | Ombudsman-eligible                     | one                                | —                               |
 */
import type { Directory } from "./directory";
import type { FollowUp, Report, TimelineEvent, TimelineEventType } from "./report";

export const NOTIFICATION_KINDS = [
  "submitted",
  "dispatched",
  "dispatched_to_unit",
  "held",
  "follow_up",
  "resolution_proposed",
  "resolved",
  "reopened",
  "archived",
  "returned",
  "escalated",
  "ombudsman_eligible",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Where notification links lead, under the stage's site (`{trackingId}` is replaced): the web app's
 * tracking page (web/src/pages/track.tsx) and its staff report page (web/src/staff/report.tsx).
 */
export const LINK_PATHS = {
  tracking: "/lacak/{trackingId}",
  staffReport: "/staf/laporan/{trackingId}",
} as const;

/**
 * The timeline events that can owe a notification (the stream router queues only these; the rest —
 * drafts, messages, attachments — never notify anyone).
 */
export const NOTIFYING_EVENTS: ReadonlySet<TimelineEventType> = new Set<TimelineEventType>([
  "submitted",
  "verified",
  "dispatched",
  "held",
  "follow_up_published",
  "resolved",
  "auto_resolved",
  "reopened",
  "archived",
  "returned",
  "escalated",
  "ombudsman_eligible",
]);

export type Audience = { readonly kind: "reporter" } | { readonly kind: "agency"; readonly agencyId: string };

export interface NotificationIntent {
  /** `<trackingId>#<seq>#reporter` or `<trackingId>#<seq>#agency:<agencyId>`: a duplicate's id is equal. */
  readonly id: string;
  readonly kind: NotificationKind;
  readonly trackingId: string;
  readonly seq: number;
  readonly audience: Audience;
}

const reporter: Audience = { kind: "reporter" };
const agency = (agencyId: string): Audience => ({ kind: "agency", agencyId });

/**
 * The notifications one event owes. `report` is the report as it is now (only its identity and the
 * agency the citizen chose are read: everything that changes is taken from the event), and
 * `followUps` tell whether a published follow-up proposed resolution.
 */
export function notificationsFor(
  event: TimelineEvent,
  report: Report,
  directory: Directory,
  followUps: readonly FollowUp[] = [],
): NotificationIntent[] {
  const root = directory.root().id;
  const plan: [NotificationKind, Audience][] = [];
  const byStaffOf = event.actor.kind === "staff" ? event.actor.agencyId : undefined;
  switch (event.type) {
    case "submitted":
      plan.push(["submitted", reporter]);
      if (report.requestedAgencyId !== undefined) plan.push(["submitted", agency(report.requestedAgencyId)]);
      break;
    case "verified":
      plan.push(["dispatched", reporter]);
      // The agency that verified its own report knows already.
      if (event.agencyId !== byStaffOf) plan.push(["dispatched", agency(event.agencyId)]);
      break;
    case "dispatched":
      if (byStaffOf === root) plan.push(["dispatched", reporter], ["dispatched", agency(event.agencyId)]);
      else plan.push(["dispatched_to_unit", agency(event.agencyId)]);
      break;
    case "held":
      plan.push(["held", reporter]);
      break;
    case "follow_up_published":
      plan.push([
        followUps.find((f) => f.id === event.followUpId)?.final ? "resolution_proposed" : "follow_up",
        reporter,
      ]);
      break;
    case "resolved":
    case "auto_resolved":
      plan.push(["resolved", reporter], ["resolved", agency(event.agencyId)]);
      break;
    case "reopened":
      plan.push(["reopened", agency(event.agencyId)]);
      break;
    case "archived":
      plan.push(["archived", reporter]);
      break;
    case "returned":
      plan.push(["returned", agency(event.agencyId)]);
      break;
    case "escalated":
      for (const target of new Set(event.targets ?? [])) plan.push(["escalated", agency(target)]);
      break;
    case "ombudsman_eligible":
      plan.push(["ombudsman_eligible", reporter]);
      break;
    default:
      break;
  }
  return plan.map(([kind, audience]) => ({
    id: `${report.trackingId}#${event.seq}#${audience.kind === "reporter" ? "reporter" : `agency:${audience.agencyId}`}`,
    kind,
    trackingId: report.trackingId,
    seq: event.seq,
    audience,
  }));
}
