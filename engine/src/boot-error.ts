/** A reason the process refuses to start; its message is the one line printed before exit 1. */
export class BootError extends Error {
  constructor(
    readonly subject: string,
    readonly problem: string,
  ) {
    super(`${subject}: ${problem}`);
    this.name = 'BootError';
  }
}
