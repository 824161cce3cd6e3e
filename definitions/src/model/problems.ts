import type { DefinitionProblem } from '../types/common.types';

/** Builds a definition problem with a bilingual message. */
export function problem(
  code: string,
  pointer: string,
  zh: string,
  en: string,
  start?: number,
  end?: number,
): DefinitionProblem {
  return start === undefined
    ? { code, message: { zh, en }, pointer }
    : { code, message: { zh, en }, pointer, start, end };
}
