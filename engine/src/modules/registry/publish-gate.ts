import {
  analyseForm,
  checkDictionary,
  indexDictionaries,
  runGoldenCase,
  type DefinitionProblem,
  type Dictionary,
  type FormDefinition,
  type FormNode,
  type LocalizedText,
} from '@sentinel/definitions';
import type { DefinitionShapeChecker } from './definition-shape';

/** One reason a definition may not be published, located by a JSON pointer into the definition. */
export interface GateFinding {
  readonly pointer: string;
  readonly code: string;
  readonly message: LocalizedText;
}

/** A form already published that a new dictionary version must not break. */
export interface DependentForm {
  readonly key: string;
  readonly version: number;
  readonly definition: FormDefinition;
}

const fromProblem = (p: DefinitionProblem): GateFinding => ({
  pointer: p.pointer,
  code: p.code,
  message: p.message,
});

/** Keys of the dictionaries a form's fields read, in document order, each once. */
export function referencedDictionaries(form: FormDefinition): string[] {
  const keys = new Set<string>();
  const visit = (nodes: readonly FormNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'field') {
        if ('dictionary' in node && typeof node.dictionary === 'string') keys.add(node.dictionary);
      } else visit(node.children);
    }
  };
  visit(form.items);
  return [...keys];
}

/** Static problems and failing golden cases of a well-formed form against these dictionaries. */
function formFindings(form: FormDefinition, dictionaries: readonly Dictionary[]): GateFinding[] {
  const index = indexDictionaries(dictionaries);
  const { compiled, problems } = analyseForm(form, index);
  if (compiled === null) return problems.map(fromProblem);
  return (form.goldenCases ?? []).flatMap((goldenCase, i) => {
    const result = runGoldenCase(compiled, goldenCase, i, { dictionaries: index });
    if (result.passed) return [];
    const differences = result.failures.join('; ');
    return [
      {
        pointer: result.pointer,
        code: 'golden-case-failed',
        message: {
          zh: `黄金用例“${result.name}”未通过：${differences}`,
          en: `Golden case “${result.name}” failed: ${differences}`,
        },
      },
    ];
  });
}

/**
 * Everything that refuses a form's publication: meta-schema shape first (the static checks assume
 * a well-formed tree), then static checks (references, expressions, patterns, limits), then every
 * golden case. Empty means it may be published.
 */
export function formGate(
  form: unknown,
  dictionaries: readonly Dictionary[],
  shape: DefinitionShapeChecker,
): GateFinding[] {
  const shapeProblems = shape.problems('form', form);
  if (shapeProblems.length > 0) return shapeProblems.map(fromProblem);
  return formFindings(form as FormDefinition, dictionaries);
}

/**
 * Everything that refuses a dictionary's publication: its shape and static checks, then each
 * dependent form's static checks and golden cases run against the new version (with the other
 * dictionaries as they are). Dependent findings point at the dictionary and name the form.
 */
export function dictionaryGate(
  dictionary: unknown,
  otherDictionaries: readonly Dictionary[],
  dependents: readonly DependentForm[],
  shape: DefinitionShapeChecker,
): GateFinding[] {
  const shapeProblems = shape.problems('dictionary', dictionary);
  if (shapeProblems.length > 0) return shapeProblems.map(fromProblem);
  const candidate = dictionary as Dictionary;
  const own = checkDictionary(candidate).map(fromProblem);
  if (own.length > 0) return own;
  const dictionaries = [...otherDictionaries.filter((d) => d.key !== candidate.key), candidate];
  return dependents
    .filter((form) => referencedDictionaries(form.definition).includes(candidate.key))
    .flatMap((form) =>
      formFindings(form.definition, dictionaries).map((finding): GateFinding => ({
        pointer: '',
        code: `dependent-${finding.code}`,
        message: {
          zh: `表单 ${form.key} v${form.version} 在此字典下不再通过（${finding.pointer}）：${finding.message.zh}`,
          en: `Form ${form.key} v${form.version} would fail with this dictionary (${finding.pointer}): ${finding.message.en}`,
        },
      })),
    );
}
