/** A bilingual message, as the lint and the HTTP errors carry them. */
export interface JuelMessage {
  readonly zh: string;
  readonly en: string;
}

/**
 * An expression outside the supported JUEL subset, or malformed. `position` is the 0-based offset
 * into the text given to `compileJuel` (or into the whole template for `compileTemplate`).
 */
export class JuelSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly localized: JuelMessage,
  ) {
    super(`${localized.en} (at ${position})`);
    this.name = 'JuelSyntaxError';
  }
}

/** A well-formed expression that cannot be evaluated on these variables (e.g. `'a' * 2`). */
export class JuelEvaluationError extends Error {
  constructor(readonly localized: JuelMessage) {
    super(localized.en);
    this.name = 'JuelEvaluationError';
  }
}

/** Names that would reach an object's prototype chain: refused at compile time and at run time. */
export const FORBIDDEN_PROPERTIES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);
