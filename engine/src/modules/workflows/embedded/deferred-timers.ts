/** A timer as the instance document keeps it: fired by the scheduler once `dueAt` has passed. */
export interface TimerRecord {
  /** bpmn-engine's execution id of the timer event definition: stable across resumes. */
  readonly timerId: string;
  /** BPMN id of the timer event (a boundary or intermediate catch event). */
  readonly activityId: string;
  readonly dueAt: Date;
}

interface PendingTimer extends TimerRecord {
  readonly fire: () => void;
}

/** What bpmn-elements' TimerEventDefinition passes as the timer callback's first argument. */
interface TimerArgument {
  readonly id?: string;
  readonly executionId?: string;
}

/**
 * bpmn-engine parses a duration against one wall-clock reading and subtracts another taken a
 * moment before, so `PT24H` arrives as 86,400,000 + a few ms. The lag is dropped so that a timer
 * falls due exactly when the clock has moved by its duration (what tests and people expect).
 */
function withoutParseLag(delay: number): number {
  if (delay <= 0) return 0;
  const lag = delay % 1000;
  return delay >= 1000 && lag < 25 ? delay - lag : delay;
}

/** Bounds a hydration that keeps scheduling already-due timers (a zero-length cycle). */
const MAX_FIRINGS_PER_HYDRATION = 100;

/**
 * bpmn-engine's `timers` option, replaced so that no real `setTimeout` ever holds an instance in
 * memory: a timer only records its due time, which the session saves with the instance. A timer
 * seen before (the same execution id, registered again when the engine resumes) keeps the due
 * time first recorded; due times count from the injected clock, so tests move time instead of
 * waiting.
 */
export class DeferredTimers {
  private readonly live = new Map<string, PendingTimer>();
  private readonly knownDueAt: ReadonlyMap<string, Date>;
  private anonymous = 0;

  constructor(
    private now: Date,
    known: readonly TimerRecord[],
  ) {
    this.knownDueAt = new Map(known.map((timer) => [timer.timerId, timer.dueAt]));
  }

  /** A live session continued later: timers set from now on count from `now`. */
  moveTo(now: Date): void {
    this.now = now;
  }

  /** bpmn-engine clears these when it stops or completes. */
  get executing(): PendingTimer[] {
    return [...this.live.values()];
  }

  readonly register = (_owner: unknown) => ({
    setTimeout: this.setTimeout,
    clearTimeout: this.clearTimeout,
  });

  readonly setTimeout = (
    callback: (...args: unknown[]) => void,
    delay: number,
    ...args: unknown[]
  ): PendingTimer => {
    const argument = (args[0] ?? {}) as TimerArgument;
    const timerId = argument.executionId ?? `timer_${this.anonymous++}`;
    const dueAt =
      this.knownDueAt.get(timerId) ?? new Date(this.now.getTime() + withoutParseLag(delay));
    const timer: PendingTimer = {
      timerId,
      activityId: argument.id ?? '',
      dueAt,
      fire: () => callback(...args),
    };
    this.live.set(timerId, timer);
    return timer;
  };

  readonly clearTimeout = (timer: unknown): undefined => {
    const id = (timer as PendingTimer | undefined)?.timerId;
    if (id !== undefined && this.live.get(id) === timer) this.live.delete(id);
    return undefined;
  };

  /** Fires every timer due at `now`, earliest first; returns how many fired. */
  fireDue(now: Date): number {
    let fired = 0;
    while (fired < MAX_FIRINGS_PER_HYDRATION) {
      const next = this.earliest();
      if (next === undefined || next.dueAt.getTime() > now.getTime()) break;
      this.live.delete(next.timerId);
      next.fire();
      fired += 1;
    }
    return fired;
  }

  /** The timers still waiting, as saved with the instance. */
  records(): TimerRecord[] {
    return [...this.live.values()]
      .map(({ timerId, activityId, dueAt }) => ({ timerId, activityId, dueAt }))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }

  private earliest(): PendingTimer | undefined {
    let earliest: PendingTimer | undefined;
    for (const timer of this.live.values()) {
      if (earliest === undefined || timer.dueAt < earliest.dueAt) earliest = timer;
    }
    return earliest;
  }
}
