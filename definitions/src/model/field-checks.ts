import type { DictionaryIndex } from '../dictionaries/dictionary-index';
import type { DefinitionProblem } from '../types/common.types';
import type { FieldDefinition } from '../types/form.types';
import type { FieldEntry, FormTree } from './form-tree';
import { isRepeatEntry } from './form-tree';
import { problem } from './problems';

/** The dictionary a field reads, if any. */
export function dictionaryOf(field: FieldDefinition): string | undefined {
  return 'dictionary' in field ? field.dictionary : undefined;
}

function checkDictionaryReference(
  entry: FieldEntry,
  dictionaries: DictionaryIndex,
  problems: DefinitionProblem[],
): void {
  const { field, pointer } = entry;
  const key = dictionaryOf(field);
  if (key === undefined) return;
  const dictionary = dictionaries.get(key);
  if (dictionary === undefined) {
    problems.push(
      problem(
        'unknown-dictionary',
        `${pointer}/dictionary`,
        `字典“${key}”不存在`,
        `Unknown dictionary “${key}”`,
      ),
    );
    return;
  }
  const roots = [
    ...('dictionaryRoot' in field && field.dictionaryRoot !== undefined
      ? [['dictionaryRoot', field.dictionaryRoot]]
      : []),
    ...(field.type === 'yesNoMatrix' ? (field.groups ?? []).map((g, i) => [`groups/${i}`, g]) : []),
  ];
  for (const [where, code] of roots) {
    if (dictionary.item(code as string) === undefined) {
      problems.push(
        problem(
          'unknown-dictionary-item',
          `${pointer}/${where}`,
          `字典“${key}”中没有“${code}”`,
          `No item “${code}” in dictionary “${key}”`,
        ),
      );
    }
  }
}

/** Finds a sibling field (same repeat, or top level) by key. */
function sibling(entry: FieldEntry, key: string, tree: FormTree): FieldDefinition | undefined {
  if (entry.repeat !== undefined)
    return entry.repeat.children.find((c) => c.field.key === key)?.field;
  const found = tree.topLevel.get(key);
  return found === undefined || isRepeatEntry(found) ? undefined : found.field;
}

function checkSiblingReferences(
  entry: FieldEntry,
  tree: FormTree,
  problems: DefinitionProblem[],
): void {
  const { field, pointer } = entry;
  if (field.type !== 'identityNumber') return;
  const wanted: [string, string | undefined, readonly string[]][] = [
    ['idTypeField', field.idTypeField, ['choice']],
    ['birthDateField', field.birthDateField, ['date']],
    ['genderField', field.genderField, ['choice']],
  ];
  for (const [property, key, types] of wanted) {
    if (key === undefined) continue;
    const target = sibling(entry, key, tree);
    if (target === undefined) {
      problems.push(
        problem(
          'unknown-field',
          `${pointer}/${property}`,
          `字段“${key}”不存在`,
          `Unknown field “${key}”`,
        ),
      );
    } else if (!types.includes(target.type)) {
      problems.push(
        problem(
          'wrong-field-type',
          `${pointer}/${property}`,
          `字段“${key}”应为 ${types.join('/')} 类型`,
          `Field “${key}” must be of type ${types.join('/')}`,
        ),
      );
    }
  }
}

function checkInlineOptions(entry: FieldEntry, problems: DefinitionProblem[]): void {
  const { field, pointer } = entry;
  if (field.type !== 'choice' && field.type !== 'multiChoice') return;
  const codes = new Set<string>();
  (field.options ?? []).forEach((option, i) => {
    if (codes.has(option.code)) {
      problems.push(
        problem(
          'duplicate-option',
          `${pointer}/options/${i}/code`,
          `选项代码“${option.code}”重复`,
          `Duplicate option code “${option.code}”`,
        ),
      );
    }
    codes.add(option.code);
  });
  if (field.type === 'multiChoice' && field.options !== undefined) {
    (field.exclusive ?? []).forEach((code, i) => {
      if (!codes.has(code)) {
        problems.push(
          problem(
            'unknown-option',
            `${pointer}/exclusive/${i}`,
            `选项“${code}”不存在`,
            `Unknown option “${code}”`,
          ),
        );
      }
    });
  }
}

function checkBounds(entry: FieldEntry, problems: DefinitionProblem[]): void {
  const { field, pointer } = entry;
  const pairs: [number | undefined, number | undefined, string][] = [];
  if (field.type === 'number' || field.type === 'integer')
    pairs.push([field.min, field.max, 'max']);
  if (field.type === 'text' || field.type === 'textarea')
    pairs.push([field.minLength, field.maxLength, 'maxLength']);
  if (field.type === 'multiChoice') pairs.push([field.minItems, field.maxItems, 'maxItems']);
  for (const [min, max, where] of pairs) {
    if (min !== undefined && max !== undefined && min > max) {
      problems.push(
        problem(
          'empty-range',
          `${pointer}/${where}`,
          '最小值大于最大值',
          'Minimum is greater than maximum',
        ),
      );
    }
  }
}

/**
 * Reference and consistency checks of each field: dictionaries (when known), sibling fields of an
 * identity number, inline option codes, bounds.
 */
export function checkFields(
  tree: FormTree,
  dictionaries: DictionaryIndex | undefined,
  problems: DefinitionProblem[],
): void {
  const all = [...tree.fields, ...tree.repeats.flatMap((r) => r.children)];
  for (const entry of all) {
    if (dictionaries !== undefined) checkDictionaryReference(entry, dictionaries, problems);
    checkSiblingReferences(entry, tree, problems);
    checkInlineOptions(entry, problems);
    checkBounds(entry, problems);
  }
  for (const repeat of tree.repeats) {
    const { minRows, maxRows } = repeat.node;
    if (minRows !== undefined && maxRows !== undefined && minRows > maxRows) {
      problems.push(
        problem(
          'empty-range',
          `${repeat.pointer}/maxRows`,
          '最少行数大于最多行数',
          'minRows is greater than maxRows',
        ),
      );
    }
  }
}
