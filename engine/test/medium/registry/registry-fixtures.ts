import type { Dictionary, FormDefinition } from '@sentinel/definitions';

/** A symptom list the fixture form reads; `items` replaces the two default codes. */
export function symptomsDictionary(
  items: Dictionary['items'] = [
    { code: 'cough', label: { zh: '咳嗽', en: 'Cough' } },
    { code: 'none', label: { zh: '无', en: 'None' } },
  ],
): Dictionary {
  return {
    kind: 'dictionary',
    key: 'test-symptoms',
    version: 1,
    title: { zh: '测试症状', en: 'Test symptoms' },
    items,
  };
}

/**
 * A small fever form: the address becomes required at or above `feverThreshold`; a symptom is
 * picked from `test-symptoms`. Its golden cases pin the threshold where they depend on it, as
 * the province's content does, so a parameter change is not refused by them.
 */
export function feverCheckForm(overrides: Partial<FormDefinition> = {}): FormDefinition {
  return {
    kind: 'form',
    key: 'fever-check',
    version: 1,
    title: { zh: '体温登记', en: 'Temperature check' },
    parameters: [
      {
        key: 'feverThreshold',
        type: 'number',
        title: { zh: '发热阈值', en: 'Fever threshold' },
        default: 37.3,
        min: 35,
        max: 42,
      },
    ],
    items: [
      {
        kind: 'field',
        key: 'temperature',
        type: 'number',
        title: { zh: '体温', en: 'Temperature' },
        required: true,
        min: 30,
        max: 45,
        precision: 1,
      },
      { kind: 'field', key: 'address', type: 'text', title: { zh: '住址', en: 'Address' } },
      {
        kind: 'field',
        key: 'symptom',
        type: 'choice',
        title: { zh: '症状', en: 'Symptom' },
        dictionary: 'test-symptoms',
      },
    ],
    rules: [
      {
        id: 'feverNeedsAddress',
        when: 'temperature >= params.feverThreshold',
        effects: [{ type: 'required', target: 'address' }],
      },
    ],
    goldenCases: [
      {
        name: '37.5 ℃ at the 37.3 threshold needs an address',
        parameters: { feverThreshold: 37.3 },
        input: { temperature: 37.5 },
        expect: { valid: false, errors: [{ path: '/address', code: 'required' }] },
      },
      {
        name: 'a cough is a known symptom',
        input: { temperature: 36.5, symptom: 'cough' },
        expect: { valid: true, errors: [] },
      },
    ],
    ...overrides,
  };
}

/** A deep copy as a plain JSON object, the way a request body arrives. */
export function asJson<T>(value: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
