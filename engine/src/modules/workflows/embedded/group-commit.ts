/**
 * Write-behind for small idempotent writes (projection and job marks): items added within
 * `windowMs` are flushed as one batch, one bulk write instead of a round trip each. Nobody waits
 * for them: a lost batch only leaves work the background pass redoes, so a command returns
 * without them. `settle()` flushes at once (background passes, shutdown, tests).
 */
export class GroupCommit<T> {
  private items: T[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly flushing = new Set<Promise<void>>();

  constructor(
    private readonly flush: (items: readonly T[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly windowMs = 10,
  ) {}

  add(item: T): void {
    this.items.push(item);
    if (this.timer !== null) return;
    this.timer = setTimeout(() => this.flushNow(), this.windowMs);
    this.timer.unref();
  }

  /** Flushes what is collected and waits for every batch in flight. */
  async settle(): Promise<void> {
    this.flushNow();
    await Promise.all([...this.flushing]);
  }

  private flushNow(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.items.length === 0) return;
    const batch = this.items;
    this.items = [];
    const flushing = this.flush(batch).catch(this.onError);
    this.flushing.add(flushing);
    void flushing.then(() => this.flushing.delete(flushing));
  }
}
