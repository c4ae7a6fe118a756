/**
 * Deadlines and escalation (PRODUCT.md §4): which clocks are running for a report, which due
 * actions are pending, and what applying one does.
 *
 * Every state change recomputes `deadlines` (the running clocks, ISO instants, shown to staff and
 * the reporter) and `nextDue` (the earliest pending action, which places the report in the sparse,
 * sharded `byDueDate` index so that the sweep reads only what is due).
 *
 * | clock          | runs while                                          | levels (each applied at most once)                                 |
 * |----------------|-----------------------------------------------------|--------------------------------------------------------------------|
 * | verification   | submitted (paused on hold, shifted on resume)        | 1 at due → escalate to the national admin                          |
 * | firstFollowUp  | dispatched/in progress, no follow-up since dispatch | 1 at due → remind the agency (and unit); 2 at due + grace → parent |
 * |                |                                                     | agency and supervisors; 3 at due + 2·grace → national admin        |
 * | autoResolve    | a final follow-up awaits the reporter               | 1 at due → resolved automatically                                  |
 * | holdExpiry     | on hold                                             | 1 at due → archived as withdrawn                                   |
 * | resolution     | verified and not closed                             | 1 at due → the reporter may forward the case to the Ombudsman      |
 *
 * "At most once per level" is keyed by the clock's anchor (the instant it started): re-dispatch
 * restarts the first follow-up clock with fresh levels, a second proposal restarts auto-resolve.
 */
import type { WorkingCalendar } from "./calendar";
import { DomainError } from "./errors";
import {
  autoResolveDue,
  escalationDue,
  firstFollowUpDue,
  holdExpiry,
  resolutionDue,
  resolveSlaPolicy,
  type SlaOverrides,
  type SlaPolicy,
  verificationDue,
} from "./sla";
import { text } from "./text";

export const CLOCKS = ["verification", "firstFollowUp", "autoResolve", "holdExpiry", "resolution"] as const;
export type ClockName = (typeof CLOCKS)[number];

export type Deadlines = Partial<Record<ClockName, string>>;

export interface DueAction {
  readonly clock: ClockName;
  readonly level: number;
  /** The instant the clock started: what "once per level" is counted against. */
  readonly anchor: string;
  /** When the action falls due. */
  readonly at: string;
}

export interface EscalationRecord extends DueAction {
  /** When it was applied. */
  readonly appliedAt: string;
}

/** Everything needed to compute deadlines: the calendar and the SLA with its overrides. */
export interface DeadlineRules {
  readonly calendar: WorkingCalendar;
  readonly sla: { readonly defaults: SlaPolicy } & SlaOverrides;
}

/** The report fields deadlines depend on (a structural subset of Report, to avoid a cycle). */
export interface ClockState {
  readonly status: "submitted" | "on_hold" | "dispatched" | "in_progress" | "resolved" | "archived";
  readonly agencyPath: readonly string[];
  readonly category: string;
  readonly createdAt: string;
  readonly verificationDueAt?: string;
  readonly heldAt?: string;
  readonly verifiedAt?: string;
  readonly dispatchedAt?: string;
  readonly firstFollowUpAt?: string;
  readonly lastFollowUpAt?: string;
  readonly resolutionProposedAt?: string;
  readonly ombudsmanEligibleAt?: string;
  readonly escalations?: readonly EscalationRecord[];
}

export interface Schedule {
  readonly deadlines: Deadlines;
  /** Pending actions, earliest first. */
  readonly pending: readonly DueAction[];
}

export function policyFor(state: ClockState, rules: DeadlineRules): SlaPolicy {
  return resolveSlaPolicy(rules.sla.defaults, rules.sla, state.agencyPath, state.category);
}

/** Running clocks and pending actions for a report as it is now. */
export function scheduleOf(state: ClockState, rules: DeadlineRules): Schedule {
  const policy = policyFor(state, rules);
  const cal = rules.calendar;
  const iso = (d: Date) => d.toISOString();
  const deadlines: Record<string, string> = {};
  const pending: DueAction[] = [];
  const add = (clock: ClockName, anchor: string, due: string, levels: readonly string[] = [due]) => {
    deadlines[clock] = due;
    levels.forEach((at, i) => {
      const level = i + 1;
      if (!wasApplied(state, clock, level, anchor)) pending.push({ clock, level, anchor, at });
    });
  };

  switch (state.status) {
    case "submitted":
      add(
        "verification",
        state.createdAt,
        state.verificationDueAt ?? iso(verificationDue(new Date(state.createdAt), policy, cal)),
      );
      break;
    case "on_hold":
      if (state.heldAt) add("holdExpiry", state.heldAt, iso(holdExpiry(new Date(state.heldAt), policy, cal)));
      break;
    case "dispatched":
    case "in_progress": {
      const sinceDispatch = state.dispatchedAt;
      const answered =
        sinceDispatch !== undefined &&
        state.lastFollowUpAt !== undefined &&
        state.lastFollowUpAt >= sinceDispatch;
      if (sinceDispatch !== undefined && !answered) {
        const due = firstFollowUpDue(new Date(sinceDispatch), policy, cal);
        const parent = escalationDue(due, policy, cal);
        const national = escalationDue(parent, policy, cal);
        add("firstFollowUp", sinceDispatch, iso(due), [iso(due), iso(parent), iso(national)]);
      }
      if (state.resolutionProposedAt) {
        add(
          "autoResolve",
          state.resolutionProposedAt,
          iso(autoResolveDue(new Date(state.resolutionProposedAt), policy, cal)),
        );
      }
      if (state.verifiedAt && !state.ombudsmanEligibleAt) {
        add("resolution", state.verifiedAt, iso(resolutionDue(new Date(state.verifiedAt), policy, cal)));
      }
      break;
    }
    default:
      break;
  }
  pending.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { deadlines, pending };
}

export function wasApplied(state: ClockState, clock: ClockName, level: number, anchor: string): boolean {
  return (state.escalations ?? []).some((e) => e.clock === clock && e.level === level && e.anchor === anchor);
}

/** The pending action matching a sweep's message, if it is still pending and due at `now`. */
export function dueNow(
  state: ClockState,
  rules: DeadlineRules,
  action: Pick<DueAction, "clock" | "level">,
  now: Date,
): DueAction | undefined {
  return scheduleOf(state, rules).pending.find(
    (p) => p.clock === action.clock && p.level === action.level && Date.parse(p.at) <= now.getTime(),
  );
}

/** The earliest running deadline: a report is overdue when it has passed. */
export function earliestDeadline(deadlines: Deadlines): string | undefined {
  return Object.values(deadlines).sort()[0];
}

export function parseDueAction(encoded: string): Pick<DueAction, "clock" | "level"> {
  const [clock, level] = encoded.split(":");
  if (!CLOCKS.includes(clock as ClockName) || !/^[1-3]$/.test(level ?? "")) {
    throw new DomainError(
      "invalid",
      "invalid_due_action",
      text(`Tindakan jatuh tempo ${encoded} tidak dikenal.`, `Unknown due action ${encoded}.`),
    );
  }
  return { clock: clock as ClockName, level: Number(level) };
}

export function formatDueAction(action: Pick<DueAction, "clock" | "level">): string {
  return `${action.clock}:${action.level}`;
}
