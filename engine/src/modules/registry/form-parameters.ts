import type { FormDefinition, ParameterDefinition } from '@sentinel/definitions';
import type { ErrorDetail } from '../../common/errors';
import { appendPointer } from '../../common/input';

/** A parameter value as definitions allow it. */
export type ParameterValue = string | number | boolean;

/** The parameter values a form version carries: each parameter's published default. */
export function parametersOf(form: FormDefinition): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  for (const p of form.parameters ?? []) values[p.key] = p.default;
  return values;
}

function valueProblem(p: ParameterDefinition, value: unknown, path: string): ErrorDetail | null {
  if (typeof value !== p.type || (typeof value === 'number' && !Number.isFinite(value))) {
    return {
      path,
      code: 'wrong-type',
      message: {
        zh: `参数“${p.key}”应为 ${p.type}`,
        en: `Parameter “${p.key}” must be a ${p.type}`,
      },
    };
  }
  if (typeof value === 'number' && p.min !== undefined && value < p.min) {
    return {
      path,
      code: 'below-minimum',
      message: {
        zh: `参数“${p.key}”不能小于 ${p.min}`,
        en: `Parameter “${p.key}” may not be below ${p.min}`,
      },
    };
  }
  if (typeof value === 'number' && p.max !== undefined && value > p.max) {
    return {
      path,
      code: 'above-maximum',
      message: {
        zh: `参数“${p.key}”不能大于 ${p.max}`,
        en: `Parameter “${p.key}” may not be above ${p.max}`,
      },
    };
  }
  return null;
}

/**
 * Why requested values do not fit the form's parameter definitions: unknown keys, wrong types,
 * values outside min/max, or nothing to change. Each problem's path is `/values/<key>`.
 */
export function parameterValueProblems(
  form: FormDefinition,
  values: Readonly<Record<string, unknown>>,
): ErrorDetail[] {
  const keys = Object.keys(values);
  if (keys.length === 0) {
    return [
      {
        path: '/values',
        code: 'no-values',
        message: { zh: '请至少提供一个参数值', en: 'Give at least one parameter value' },
      },
    ];
  }
  const definitions = new Map((form.parameters ?? []).map((p) => [p.key, p]));
  return keys.flatMap((key) => {
    const path = appendPointer('/values', key);
    const definition = definitions.get(key);
    if (definition === undefined) {
      const known = [...definitions.keys()].join(', ') || '—';
      return [
        {
          path,
          code: 'unknown-parameter',
          message: {
            zh: `表单 ${form.key} 没有参数“${key}”（已有：${known}）`,
            en: `Form ${form.key} has no parameter “${key}” (known: ${known})`,
          },
        },
      ];
    }
    const problem = valueProblem(definition, values[key], path);
    return problem === null ? [] : [problem];
  });
}

/** The same form with these parameters' defaults replaced (values already checked). */
export function withParameterValues(
  form: FormDefinition,
  values: Readonly<Record<string, ParameterValue>>,
): FormDefinition {
  return {
    ...form,
    parameters: (form.parameters ?? []).map((p) =>
      Object.hasOwn(values, p.key) ? { ...p, default: values[p.key] as ParameterValue } : p,
    ),
  };
}
