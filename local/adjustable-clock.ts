import type { Clock } from "../functions/use-cases/ports";

/**
 * A clock that runs at real speed but can be moved forward: now() = real now + offset. The local
 * server injects it so deadlines and escalations can be tried out in minutes instead of days
 * (`POST /_local/clock`); nothing in AWS uses it.
 *
 * Forward only: reports, timeline events and escalation records are written at the instants this
 * clock gives, and going back would produce events older than ones already stored, a history AWS
 * could never produce.
 */
/** How a move treats the schedules whose runs it passes. */
export interface ClockMove {
  /**
   * true: each schedule whose next run the move passes runs once at once. false: they resume from
   * the new time, their next run one period on (to run a sweep by hand with nothing beside it).
   * @default true
   */
  readonly catchUp?: boolean;
}

export class AdjustableClock implements Clock {
  private offset: number;
  private readonly listeners = new Set<(now: Date, move: ClockMove) => void>();

  constructor(
    offsetMs = 0,
    private readonly realNow: () => number = Date.now,
  ) {
    if (!Number.isFinite(offsetMs) || offsetMs < 0)
      throw new RangeError(`offsetMs must be ≥ 0, got ${offsetMs}`);
    this.offset = offsetMs;
  }

  now(): Date {
    return new Date(this.realNow() + this.offset);
  }

  /** How far ahead of real time this clock is, in milliseconds. */
  get offsetMs(): number {
    return this.offset;
  }

  /** Moves the clock forward by `ms` (≥ 0); returns the new now. */
  advance(ms: number, move: ClockMove = {}): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`The clock only moves forward (got ${ms} ms)`);
    this.offset += ms;
    const now = this.now();
    for (const listener of this.listeners) listener(now, move);
    return now;
  }

  /** Moves the clock forward to `instant`, which must not be before now. */
  moveTo(instant: Date, move: ClockMove = {}): Date {
    const ms = instant.getTime() - this.now().getTime();
    if (!Number.isFinite(ms)) throw new RangeError("Invalid instant");
    if (ms < 0) {
      throw new RangeError(`The clock only moves forward: ${instant.toISOString()} is before now`);
    }
    return this.advance(ms, move);
  }

  /** Called after every move, with the new now (e.g. timers re-aim at the moved time). */
  onMove(listener: (now: Date, move: ClockMove) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
