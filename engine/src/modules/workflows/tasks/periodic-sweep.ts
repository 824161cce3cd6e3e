import type { Logger } from '@nestjs/common';

/**
 * Runs `pass` every `intervalMs`, never two passes at once, and lets a pass under way finish on
 * `stop` (so it does not outlive the database connection). The timer does not keep Node alive.
 */
export class PeriodicSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly name: string,
    private readonly logger: Logger,
    private readonly pass: () => Promise<unknown>,
  ) {}

  start(intervalMs: number): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      if (this.running !== undefined) return;
      this.running = this.pass()
        .catch((error: unknown) => {
          this.logger.error({ err: error }, `${this.name} failed`);
        })
        .finally(() => {
          this.running = undefined;
        });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
