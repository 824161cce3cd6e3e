import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What must commit together. `run(work)` spans the writes of one use case: every adapter write
 * inside it commits with the others or not at all. A run inside a run joins the outer one, so a
 * service can compose adapters (and other modules' services) that open runs of their own. No
 * interface outside the store adapters names a store session: adapters find the current one
 * themselves (docs/adr/0012-unit-of-work.md).
 */
export abstract class UnitOfWork {
  /**
   * Runs `work` as one unit. On a transient store failure (a write conflict, a failover) the
   * whole of `work` runs again from the start, so it must not have effects outside the store
   * that cannot be repeated; put those in `afterCommit`.
   */
  abstract run<T>(work: () => Promise<T>): Promise<T>;

  /**
   * Runs `hook` once the outermost unit has committed (at once outside a unit), before that
   * unit's `run` resolves; a failing hook rejects that `run`, although the writes stay committed.
   * Nothing runs when the unit rolls back.
   */
  abstract afterCommit(hook: () => Promise<void>): Promise<void>;
}

/**
 * For stores without transactions (the in-memory adapters of unit tests and the benchmark):
 * `work` simply runs, writes made before a failure stay, and `afterCommit` hooks run once the
 * outermost `run` has finished without throwing.
 */
export class ImmediateUnitOfWork extends UnitOfWork {
  /** Per async call chain, so concurrent runs (two requests) do not join each other. */
  private readonly pending = new AsyncLocalStorage<(() => Promise<void>)[]>();

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.pending.getStore() !== undefined) return work();
    const hooks: (() => Promise<void>)[] = [];
    const result = await this.pending.run(hooks, work);
    for (const hook of hooks) await hook();
    return result;
  }

  async afterCommit(hook: () => Promise<void>): Promise<void> {
    const hooks = this.pending.getStore();
    if (hooks === undefined) await hook();
    else hooks.push(hook);
  }
}
