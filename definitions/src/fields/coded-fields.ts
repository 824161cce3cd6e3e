import type {
  ChoiceField,
  LookupField,
  MultiChoiceField,
  YesNoField,
  YesNoMatrixField,
} from '../types/form.types';
import type { FieldCheckContext, FieldChecker, IssueReporter } from './field-checker';
import { isRecord, pointerSegment } from './field-checker';

/** Decides whether a code is acceptable: `null` when it is, else an issue code. */
export type CodeCheck = (
  code: string,
  ctx: FieldCheckContext,
) => 'unknown-option' | 'disabled-option' | null;

/** A code check over inline options or a dictionary (below `root` when given). */
export function codeCheckFor(source: {
  readonly options?: readonly { readonly code: string }[];
  readonly dictionary?: string;
  readonly dictionaryRoot?: string;
}): CodeCheck {
  if (source.options !== undefined) {
    const codes = new Set(source.options.map((o) => o.code));
    return (code) => (codes.has(code) ? null : 'unknown-option');
  }
  const key = source.dictionary ?? '';
  const root = source.dictionaryRoot;
  return (code, ctx) => {
    const dictionary = ctx.dictionaries.get(key);
    const item = dictionary?.item(code);
    if (dictionary === undefined || item === undefined) return 'unknown-option';
    if (root !== undefined && (code === root || !dictionary.isUnder(code, root)))
      return 'unknown-option';
    if (item.enabled === false && !ctx.allowDisabledItems) return 'disabled-option';
    return null;
  };
}

function checkCodeList(
  value: unknown,
  path: string,
  ctx: FieldCheckContext,
  report: IssueReporter,
  check: CodeCheck,
  limits: { min?: number; max?: number; exclusive?: readonly string[] },
): boolean {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    report(path, 'wrong-type');
    return false;
  }
  const codes = value as string[];
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as string;
    const problem = check(code, ctx);
    if (problem !== null) report(`${path}/${i}`, problem);
    else if (codes.indexOf(code) !== i) report(`${path}/${i}`, 'duplicate-option');
    else if (codes.length > 1 && limits.exclusive?.includes(code) === true)
      report(`${path}/${i}`, 'exclusive-option');
  }
  if (limits.min !== undefined && codes.length < limits.min)
    report(path, 'too-few-items', { min: limits.min });
  if (limits.max !== undefined && codes.length > limits.max)
    report(path, 'too-many-items', { max: limits.max });
  return true;
}

/** Single choice: one code string. */
export function choiceChecker(field: ChoiceField): FieldChecker {
  const check = codeCheckFor(field);
  return (value, path, ctx, report) => {
    if (typeof value !== 'string') {
      report(path, 'wrong-type');
      return false;
    }
    const problem = check(value, ctx);
    if (problem !== null) report(path, problem);
    return true;
  };
}

/** Multiple choice: a list of distinct codes; an exclusive code must stand alone. */
export function multiChoiceChecker(field: MultiChoiceField): FieldChecker {
  const check = codeCheckFor(field);
  const limits = { min: field.minItems, max: field.maxItems, exclusive: field.exclusive };
  return (value, path, ctx, report) => checkCodeList(value, path, ctx, report, check, limits);
}

/** Dictionary search picker: one code, or a list of codes when `multiple`. */
export function lookupChecker(field: LookupField): FieldChecker {
  const check = codeCheckFor(field);
  if (field.multiple === true) {
    const limits = { max: field.maxItems };
    return (value, path, ctx, report) => checkCodeList(value, path, ctx, report, check, limits);
  }
  return choiceChecker({ ...field, type: 'choice' } as unknown as ChoiceField);
}

/** Yes/no: a JSON boolean. */
export function yesNoChecker(_field: YesNoField): FieldChecker {
  return (value, path, _ctx, report) => {
    if (typeof value !== 'boolean') {
      report(path, 'wrong-type');
      return false;
    }
    return true;
  };
}

/**
 * Yes/no matrix: an object from item code to boolean; items not listed count as "no" (staff tick
 * what applies, as in the seed). Codes must be non-group items under the shown groups.
 */
export function yesNoMatrixChecker(field: YesNoMatrixField): FieldChecker {
  const groups = field.groups;
  return (value, path, ctx, report) => {
    if (!isRecord(value)) {
      report(path, 'wrong-type');
      return false;
    }
    const dictionary = ctx.dictionaries.get(field.dictionary);
    let shapeOk = true;
    for (const code of Object.keys(value)) {
      const itemPath = `${path}/${pointerSegment(code)}`;
      if (typeof value[code] !== 'boolean') {
        report(itemPath, 'wrong-type');
        shapeOk = false;
        continue;
      }
      const item = dictionary?.item(code);
      const inGroup =
        item !== undefined &&
        item.parent !== undefined &&
        (groups === undefined || groups.some((g) => dictionary?.isUnder(code, g) === true));
      if (!inGroup) report(itemPath, 'unknown-option');
      else if (item.enabled === false && !ctx.allowDisabledItems && value[code] === true) {
        report(itemPath, 'disabled-option');
      }
    }
    return shapeOk;
  };
}
