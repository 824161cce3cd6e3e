import type { AddressField, RegionField } from '../types/form.types';
import type { FieldCheckContext, FieldChecker, IssueReporter } from './field-checker';
import { isRecord } from './field-checker';

function checkRegionCode(
  code: string,
  path: string,
  dictionaryKey: string,
  minDepth: number,
  ctx: FieldCheckContext,
  report: IssueReporter,
): void {
  const dictionary = ctx.dictionaries.get(dictionaryKey);
  const item = dictionary?.item(code);
  if (dictionary === undefined || item === undefined) report(path, 'unknown-option');
  else if (item.enabled === false && !ctx.allowDisabledItems) report(path, 'disabled-option');
  else if (dictionary.depth(code) < minDepth) report(path, 'region-too-coarse');
}

/** Region picker: the code of the most detailed region chosen (its ancestors are implied). */
export function regionChecker(field: RegionField): FieldChecker {
  const minDepth = field.minDepth ?? 1;
  return (value, path, ctx, report) => {
    if (typeof value !== 'string') {
      report(path, 'wrong-type');
      return false;
    }
    checkRegionCode(value, path, field.dictionary, minDepth, ctx, report);
    return true;
  };
}

/** Address: `{ region, detail }`, both strings; no other properties. */
export function addressChecker(field: AddressField): FieldChecker {
  const minDepth = field.minDepth ?? 1;
  const detailMax = field.detailMaxLength ?? 200;
  return (value, path, ctx, report) => {
    if (!isRecord(value)) {
      report(path, 'wrong-type');
      return false;
    }
    let ok = true;
    for (const key of Object.keys(value)) {
      if (key !== 'region' && key !== 'detail') {
        report(`${path}/${key}`, 'unknown-field');
        ok = false;
      }
    }
    const { region, detail } = value;
    if (typeof region !== 'string') {
      report(`${path}/region`, region === undefined || region === null ? 'required' : 'wrong-type');
      ok = false;
    } else checkRegionCode(region, `${path}/region`, field.dictionary, minDepth, ctx, report);
    if (detail !== undefined && detail !== null && typeof detail !== 'string') {
      report(`${path}/detail`, 'wrong-type');
      ok = false;
    } else if (typeof detail === 'string' && detail.length > detailMax) {
      report(`${path}/detail`, 'too-long', { max: detailMax });
    }
    return ok;
  };
}
