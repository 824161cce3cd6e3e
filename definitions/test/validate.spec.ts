import { indexDictionaries } from '../src/dictionaries/dictionary-index';
import { compileForm } from '../src/model/compile-form';
import { validate } from '../src/validate/validate';
import { buildForm, field, t } from './factories/form.factory';
import { loadDictionaries } from './content-loader';

/** The global timer (this package's tests compile without DOM or Node typings). */

const NOW = { now: new Date('2024-05-01T04:00:00Z') };
const errs = (r: { errors: readonly { path: string; code: string }[] }) =>
  r.errors.map((e) => `${e.path} ${e.code}`);

describe('validate: hostile input', () => {
  const sut = compileForm(buildForm([field('name', 'text'), field('n', 'number')]));

  it.each([
    ['{"__proto__":{"x":1}}', '/__proto__'],
    ['{"constructor":{"prototype":{"x":1}}}', '/constructor'],
    ['{"name":"a","n":{"prototype":1}}', '/n/prototype'],
  ])(
    'given %s, when validated, then forbidden-key and Object.prototype untouched',
    (json, path) => {
      const result = validate(sut, JSON.parse(json), NOW);
      expect(errs(result)).toEqual([`${path} forbidden-key`]);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    },
  );

  it('given nesting deeper than 32, when validated, then too-deep', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    expect(validate(sut, { name: deep }, NOW).errors[0]?.code).toBe('too-deep');
  });

  it('given a Mongo operator object where a string is expected, when validated, then wrong-type', () => {
    expect(errs(validate(sut, { name: { $gt: '' } }, NOW))).toEqual(['/name wrong-type']);
  });

  it('given an array or a string instead of an object, when validated, then not-an-object', () => {
    expect(errs(validate(sut, [], NOW))).toEqual([' not-an-object']);
    expect(errs(validate(sut, 'x', NOW))).toEqual([' not-an-object']);
  });

  it('given a key not in the form, when validated, then unknown-field', () => {
    expect(errs(validate(sut, { extra: 1 }, NOW))).toEqual(['/extra unknown-field']);
  });
});

describe('validate: rules and states', () => {
  const form = buildForm(
    [
      field('temperature', 'number', { unit: '°C', required: true }),
      field('clinic', 'text', { hidden: true }),
      field('doubled', 'number', { readonly: true }),
    ],
    [
      {
        id: 'fever',
        when: 'temperature >= params.threshold',
        effects: [
          { type: 'visible', target: 'clinic' },
          { type: 'required', target: 'clinic' },
        ],
      },
      { id: 'calc', effects: [{ type: 'assign', target: 'doubled', value: 'temperature * 2' }] },
      {
        id: 'hot',
        when: 'temperature > 41',
        effects: [{ type: 'warning', target: 'temperature', message: t('高') }],
      },
    ],
    [
      {
        key: 'colour',
        type: 'string',
        title: t('码'),
        cases: [
          { when: 'temperature >= 39', value: 'red' },
          { when: 'derived.fever', value: 'yellow' },
        ],
        otherwise: 'green',
      },
      {
        key: 'fever',
        type: 'boolean',
        title: t('热'),
        expression: 'temperature >= params.threshold',
      },
    ],
  );
  const sut = compileForm(form);

  it('given a temperature below the threshold with a value for the hidden field, when validated, then the value is dropped', () => {
    const result = validate(sut, { temperature: 36.5, clinic: 'x' }, NOW);
    expect(result.valid).toBe(true);
    expect(result.values).toEqual({ temperature: 36.5, doubled: 73 });
    expect(result.effects.visible['/clinic']).toBe(false);
    expect(result.effects.required['/clinic']).toBe(false);
  });

  it('given a fever, when validated, then the field is visible and required', () => {
    const result = validate(sut, { temperature: 38 }, NOW);
    expect(errs(result)).toEqual(['/clinic required']);
    expect(result.effects.readonly['/doubled']).toBe(true);
  });

  it('given ordered cases, when validated, then the first case that holds wins (derived before derived)', () => {
    expect(validate(sut, { temperature: 39.5, clinic: 'c' }, NOW).derived).toEqual({
      fever: true,
      colour: 'red',
    });
    expect(validate(sut, { temperature: 37.5, clinic: 'c' }, NOW).derived).toEqual({
      fever: true,
      colour: 'yellow',
    });
    expect(validate(sut, { temperature: 36.5 }, NOW).derived).toEqual({
      fever: false,
      colour: 'green',
    });
  });

  it('given a rule warning, when it holds, then it is a warning and the submission stays valid', () => {
    const result = validate(sut, { temperature: 41.5, clinic: 'c' }, NOW);
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => `${w.path} ${w.code}`)).toEqual(['/temperature hot']);
  });

  it('given a parameter override of the wrong type, when validated, then invalid-parameter', () => {
    expect(
      errs(validate(sut, { temperature: 36 }, { ...NOW, parameters: { threshold: '38' } })),
    ).toEqual([' invalid-parameter']);
  });
});

describe('validate: field types', () => {
  const dictionaries = indexDictionaries(loadDictionaries());
  const sut = compileForm(
    buildForm(
      [
        field('province', 'choice', {
          options: [
            { code: 'gd', label: t('粤') },
            { code: 'hn', label: t('琼') },
          ],
        }),
        field('city', 'choice', {
          options: [
            { code: 'gz', label: t('广州'), parent: 'gd' },
            { code: 'hk', label: t('海口'), parent: 'hn' },
          ],
        }),
        field('when', 'datetime', { notFuture: true }),
        field('photos', 'file', { maxCount: 2 }),
        field('count', 'integer', { min: 0 }),
      ],
      [
        {
          id: 'cascade',
          effects: [{ type: 'options', target: 'city', filter: 'option.parent == province' }],
        },
      ],
    ),
    dictionaries,
  );

  it('given a city outside the chosen province, when validated, then option-not-allowed', () => {
    expect(errs(validate(sut, { province: 'gd', city: 'hk' }, NOW))).toEqual([
      '/city option-not-allowed',
    ]);
    expect(validate(sut, { province: 'gd', city: 'gz' }, NOW).valid).toBe(true);
  });

  it('given a datetime without offset or in the future, when validated, then refused', () => {
    expect(errs(validate(sut, { when: '2024-05-01T10:00:00' }, NOW))).toEqual([
      '/when invalid-datetime',
    ]);
    expect(errs(validate(sut, { when: '2024-05-02T10:00:00+08:00' }, NOW))).toEqual([
      '/when in-future',
    ]);
  });

  it('given three files for a maximum of two, and a bad id, when validated, then both reported', () => {
    expect(errs(validate(sut, { photos: ['abcdefgh1', 'abcdefgh2', 'x'] }, NOW))).toEqual([
      '/photos/2 invalid-file-id',
      '/photos too-many-items',
    ]);
  });

  it('given 1.5 for an integer, when validated, then not-integer; a string number is never coerced', () => {
    expect(errs(validate(sut, { count: 1.5 }, NOW))).toEqual(['/count not-integer']);
    expect(errs(validate(sut, { count: '2' }, NOW))).toEqual(['/count wrong-type']);
  });
});

describe('validate: repeats (tables)', () => {
  const form = buildForm(
    [field('buyer', 'text')],
    [
      {
        id: 'qtyNeeded',
        scope: 'drugs',
        when: "drug != ''",
        effects: [{ type: 'required', target: 'qty' }],
      },
    ],
    [],
    {
      items: [
        { kind: 'section', key: 'main', title: t('主'), children: [field('buyer', 'text')] },
        {
          kind: 'repeat',
          key: 'drugs',
          title: t('药'),
          maxRows: 2,
          children: [field('drug', 'text'), field('qty', 'integer', { min: 1 })],
        },
      ],
    },
  );
  const sut = compileForm(form);

  it('given a row without quantity, when validated, then required at the row field', () => {
    expect(
      errs(validate(sut, { drugs: [{ drug: '布洛芬', qty: 1 }, { drug: '板蓝根' }] }, NOW)),
    ).toEqual(['/drugs/1/qty required']);
  });

  it('given three rows and an unknown row key, when validated, then too-many-rows and unknown-field', () => {
    const rows = [
      { drug: 'a', qty: 1 },
      { drug: 'b', qty: 1, x: 1 },
      { drug: 'c', qty: 1 },
    ];
    expect(errs(validate(sut, { drugs: rows }, NOW)).sort()).toEqual([
      '/drugs too-many-rows',
      '/drugs/1/x unknown-field',
    ]);
  });
});
