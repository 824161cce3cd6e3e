import type { DictionaryIndex } from '../dictionaries/dictionary-index';
import { EMPTY_DICTIONARY_INDEX, indexDictionaries } from '../dictionaries/dictionary-index';
import type { FieldCheckContext } from '../fields/field-checker';
import { parameterValueProblem } from '../model/compile-form';
import type { CompiledForm } from '../model/compiled-form';
import type { Dictionary } from '../types/dictionary.types';
import type { SubmissionIssue } from './submission-error';
import { messageFor } from './submission-error';

/** Everything a validation depends on besides the form and the submission. */
export interface ValidationContext {
  /** The instant treated as now (today(), notFuture, ID birth dates). */
  readonly now: Date;
  /** Local time offset from UTC in minutes; default 480 (China Standard Time). */
  readonly utcOffsetMinutes?: number;
  /** Dictionaries (indexed, or a list indexed once and cached); default: those given to compileForm. */
  readonly dictionaries?: DictionaryIndex | readonly Dictionary[];
  /** Parameter values overriding the form's defaults (a provincial admin's settings). */
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
  /** Accept dictionary items disabled since (re-validating a stored submission); default false. */
  readonly allowDisabledItems?: boolean;
}

/** China Standard Time, the default offset. */
export const CHINA_UTC_OFFSET_MINUTES = 480;

/** Lists indexed once: contexts usually pass the same array for many submissions. */
const indexedLists = new WeakMap<readonly Dictionary[], DictionaryIndex>();

function resolveDictionaries(
  compiled: CompiledForm,
  given: ValidationContext['dictionaries'],
): DictionaryIndex {
  if (given === undefined) return compiled.dictionaries ?? EMPTY_DICTIONARY_INDEX;
  if (!Array.isArray(given)) return given as DictionaryIndex;
  const list = given as readonly Dictionary[];
  let index = indexedLists.get(list);
  if (index === undefined) {
    index = indexDictionaries(list);
    indexedLists.set(list, index);
  }
  return index;
}

/** The local calendar date of an instant at an offset. */
export function localDate(now: Date, utcOffsetMinutes: number): string {
  return new Date(now.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** Field-check context and effective parameter values for one validation. */
export interface ResolvedContext {
  readonly check: FieldCheckContext;
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  readonly evaluation: { readonly now: Date; readonly utcOffsetMinutes: number };
  readonly issues: readonly SubmissionIssue[];
}

/** Resolves a context: dictionaries, today, and parameter overrides (unknown or ill-typed ones are issues). */
export function resolveContext(
  compiled: CompiledForm,
  context: ValidationContext,
): ResolvedContext {
  const utcOffsetMinutes = context.utcOffsetMinutes ?? CHINA_UTC_OFFSET_MINUTES;
  const issues: SubmissionIssue[] = [];
  let parameters = compiled.parameterDefaults;
  if (context.parameters !== undefined) {
    const merged: Record<string, string | number | boolean> = { ...compiled.parameterDefaults };
    for (const key of Object.keys(context.parameters)) {
      const definition = compiled.parameters.get(key);
      const value = context.parameters[key];
      if (definition === undefined || parameterValueProblem(definition, value) !== null) {
        issues.push({
          path: '',
          code: 'invalid-parameter',
          message: messageFor('invalid-parameter'),
        });
      } else merged[key] = value as string | number | boolean;
    }
    parameters = merged;
  }
  return {
    check: {
      dictionaries: resolveDictionaries(compiled, context.dictionaries),
      today: localDate(context.now, utcOffsetMinutes),
      nowMs: context.now.getTime(),
      allowDisabledItems: context.allowDisabledItems === true,
    },
    parameters,
    evaluation: { now: context.now, utcOffsetMinutes },
    issues,
  };
}
