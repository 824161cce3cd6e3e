import type { FormDefinition } from '@sentinel/definitions';
import type { FormVersionView } from '../../shared/api/engine-responses';
import type { LocalizedText } from '../../shared/i18n/messages';

export type ParameterValue = string | number | boolean;

/** One parameter of one form in force, as the parameters table shows it. */
export interface ParameterRow {
  /** `formKey/parameterKey`: unique across the table. */
  readonly id: string;
  readonly formKey: string;
  readonly formTitle: LocalizedText;
  readonly formVersion: number;
  readonly key: string;
  readonly title: LocalizedText;
  readonly type: 'number' | 'string' | 'boolean';
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  readonly value: ParameterValue;
}

/** Every parameter of every form, in form order then definition order. */
export function parameterRows(forms: readonly FormVersionView[]): ParameterRow[] {
  return forms.flatMap((form) =>
    ((form.definition as unknown as FormDefinition).parameters ?? []).map((p) => ({
      id: `${form.key}/${p.key}`,
      formKey: form.key,
      formTitle: form.title,
      formVersion: form.version,
      key: p.key,
      title: p.title,
      type: p.type,
      ...(p.unit === undefined ? {} : { unit: p.unit }),
      ...(p.min === undefined ? {} : { min: p.min }),
      ...(p.max === undefined ? {} : { max: p.max }),
      value: form.parameters[p.key] ?? p.default,
    })),
  );
}

/** What saving an edited value would do. */
export type ParameterChange =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'not-a-value' }
  | { readonly kind: 'change'; readonly values: Readonly<Record<string, ParameterValue>> };

/**
 * The request body's `values` for an edit, or why there is nothing to send. Limits are left to the
 * engine, which answers 422 with a message at `/values/<key>`: one rule, one place.
 */
export function parameterChange(
  row: ParameterRow,
  edited: ParameterValue | null | undefined,
): ParameterChange {
  if (edited === null || edited === undefined || edited === '') return { kind: 'not-a-value' };
  if (row.type === 'number' && (typeof edited !== 'number' || !Number.isFinite(edited)))
    return { kind: 'not-a-value' };
  if (typeof edited !== row.type) return { kind: 'not-a-value' };
  if (edited === row.value) return { kind: 'unchanged' };
  return { kind: 'change', values: { [row.key]: edited } };
}

/** The JSON pointer the engine's 422 uses for a parameter. */
export function parameterPath(key: string): string {
  return `/values/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** One value a parameter had, from the version that introduced it. */
export interface HistoryEntry {
  readonly version: number;
  readonly value: ParameterValue;
  readonly publishedAt: string;
}

/** The values a parameter took across versions (oldest first), one entry per change. */
export function parameterHistory(
  versions: readonly FormVersionView[],
  key: string,
): HistoryEntry[] {
  const history: HistoryEntry[] = [];
  for (const v of [...versions].sort((a, b) => a.version - b.version)) {
    const value = v.parameters[key];
    if (value === undefined || history[history.length - 1]?.value === value) continue;
    history.push({ version: v.version, value, publishedAt: v.publishedAt });
  }
  return history;
}

/** A limit as people read it: `35 – 42 °C`, `≥ 0`, or undefined when unbounded. */
export function limitsText(row: ParameterRow): string | undefined {
  const unit = row.unit === undefined ? '' : ` ${row.unit}`;
  if (row.min !== undefined && row.max !== undefined) return `${row.min} – ${row.max}${unit}`;
  if (row.min !== undefined) return `≥ ${row.min}${unit}`;
  if (row.max !== undefined) return `≤ ${row.max}${unit}`;
  return undefined;
}
