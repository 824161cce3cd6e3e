import type { ExpressionFault, Value } from './expression-api';

/**
 * Carries a runtime fault from deep inside a compiled closure to `evaluate`, which returns it.
 * Throwing keeps the happy path free of per-node fault checks; nothing escapes `evaluate`.
 */
export class FaultSignal {
  constructor(readonly fault: ExpressionFault) {}
}

/** Builds a fault value. */
export function makeFault(code: string, zh: string, en: string): ExpressionFault {
  return { fault: true, code, message: { zh, en } };
}

/** Aborts the current evaluation with a fault. */
export function raise(code: string, zh: string, en: string): never {
  throw new FaultSignal(makeFault(code, zh, en));
}

/** Whether an evaluation result is a fault rather than a value. */
export function isFault(result: Value | ExpressionFault): result is ExpressionFault {
  return (
    typeof result === 'object' &&
    result !== null &&
    !Array.isArray(result) &&
    (result as { fault?: unknown }).fault === true &&
    typeof (result as { code?: unknown }).code === 'string'
  );
}
