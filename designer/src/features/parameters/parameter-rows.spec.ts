import type { FormVersionView } from '../../shared/api/engine-responses';
import {
  limitsText,
  parameterChange,
  parameterHistory,
  parameterPath,
  parameterRows,
} from './parameter-rows';

const feverThreshold = {
  key: 'feverThreshold',
  type: 'number',
  unit: '°C',
  title: { zh: '发热阈值', en: 'Fever threshold' },
  default: 37.3,
  min: 35,
  max: 42,
};

function version(n: number, value: number): FormVersionView {
  return {
    key: 'patient-visit-report',
    version: n,
    title: { zh: '患者就诊报告' },
    effectiveFrom: `2026-0${n}-01T00:00:00Z`,
    publishedAt: `2026-0${n}-01T00:00:00Z`,
    publishedBy: 'u1',
    checksum: 'x',
    parameters: { feverThreshold: value },
    dictionaryVersions: {},
    definition: {
      key: 'patient-visit-report',
      parameters: [{ ...feverThreshold, default: value }],
    },
  };
}

describe('parameter rows', () => {
  it('lists every parameter of every form with its current value and limits', () => {
    const [row] = parameterRows([
      version(2, 38),
      { ...version(1, 1), definition: {}, key: 'other' },
    ]);
    expect(row).toMatchObject({
      id: 'patient-visit-report/feverThreshold',
      formVersion: 2,
      value: 38,
      min: 35,
      max: 42,
    });
    expect(limitsText(row!)).toBe('35 – 42 °C');
    expect(parameterRows([version(1, 37.3)])).toHaveLength(1);
  });

  it('sends only a changed value of the right type', () => {
    const [row] = parameterRows([version(1, 37.3)]);
    expect(parameterChange(row!, 38)).toEqual({ kind: 'change', values: { feverThreshold: 38 } });
    expect(parameterChange(row!, 37.3)).toEqual({ kind: 'unchanged' });
    expect(parameterChange(row!, null)).toEqual({ kind: 'not-a-value' });
    expect(parameterChange(row!, '38')).toEqual({ kind: 'not-a-value' });
    expect(parameterChange(row!, Number.NaN)).toEqual({ kind: 'not-a-value' });
  });

  it('leaves limits to the engine: a value above the maximum is still sent', () => {
    const [row] = parameterRows([version(1, 37.3)]);
    expect(parameterChange(row!, 50)).toEqual({ kind: 'change', values: { feverThreshold: 50 } });
  });

  it('points at the parameter as the engine’s 422 does, escaping JSON pointer characters', () => {
    expect(parameterPath('feverThreshold')).toBe('/values/feverThreshold');
    expect(parameterPath('a/b~c')).toBe('/values/a~1b~0c');
  });

  it('keeps one history entry per change, oldest first', () => {
    const history = parameterHistory(
      [version(3, 38), version(1, 37.3), version(2, 37.3)],
      'feverThreshold',
    );
    expect(history.map((h) => [h.version, h.value])).toEqual([
      [1, 37.3],
      [3, 38],
    ]);
  });
});
