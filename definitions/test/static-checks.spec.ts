import { indexDictionaries } from '../src/dictionaries/dictionary-index';
import { checkForm, compileForm, DefinitionError } from '../src/model/compile-form';
import { buildForm, field, t } from './factories/form.factory';

const codes = (problems: readonly { code: string; pointer: string }[]) =>
  problems.map((p) => `${p.pointer} ${p.code}`);

describe('static checks at publish', () => {
  it('given two fields with the same key, when checked, then duplicate-key points at the second', () => {
    const sut = buildForm([field('a', 'text'), field('a', 'text')]);
    expect(codes(checkForm(sut))).toEqual(['/items/0/children/1/key duplicate-key']);
  });

  it('given a field named __proto__ or params, when checked, then reserved-key', () => {
    const sut = buildForm([field('params', 'text')]);
    expect(codes(checkForm(sut))).toEqual(['/items/0/children/0/key reserved-key']);
  });

  it('given a rule reading a misspelt field, when checked, then the problem has the offsets of the name', () => {
    const sut = buildForm(
      [field('temperature', 'number', { unit: '°C' })],
      [
        {
          id: 'r',
          when: 'temprature >= params.threshold',
          effects: [{ type: 'required', target: 'temperature' }],
        },
      ],
    );
    const [p] = checkForm(sut);
    expect(p).toMatchObject({ code: 'unknown-field', pointer: '/rules/0/when', start: 0, end: 10 });
  });

  it('given a rule whose condition is a number, when checked, then a type problem at the rule', () => {
    const sut = buildForm(
      [field('n', 'number')],
      [{ id: 'r', when: 'n + 1', effects: [{ type: 'visible', target: 'n' }] }],
    );
    expect(checkForm(sut).map((p) => p.pointer)).toEqual(['/rules/0/when']);
  });

  it('given an effect targeting a missing field, when checked, then unknown-field at the target', () => {
    const sut = buildForm(
      [field('n', 'number')],
      [{ id: 'r', effects: [{ type: 'visible', target: 'm' }] }],
    );
    expect(codes(checkForm(sut))).toEqual(['/rules/0/effects/0/target unknown-field']);
  });

  it('given two assignments feeding each other, when checked, then one cycle problem naming the loop', () => {
    const sut = buildForm(
      [field('a', 'number'), field('b', 'number')],
      [
        { id: 'r1', effects: [{ type: 'assign', target: 'a', value: 'b + 1' }] },
        { id: 'r2', effects: [{ type: 'assign', target: 'b', value: 'a + 1' }] },
      ],
    );
    const problems = checkForm(sut);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'cycle',
      message: { en: 'Circular dependency: a → b → a' },
    });
  });

  it('given a derived value reading itself through another, when checked, then cycle', () => {
    const sut = buildForm(
      [field('n', 'number')],
      [],
      [
        { key: 'x', type: 'boolean', title: t('x'), expression: 'derived.y' },
        { key: 'y', type: 'boolean', title: t('y'), expression: 'derived.x' },
      ],
    );
    expect(checkForm(sut).map((p) => p.code)).toEqual(['cycle']);
  });

  describe('personal data copied in clear', () => {
    const personal = [
      field('idNumber', 'text', { personal: 'idNumber' }),
      field('birthDate', 'date', { personal: 'birthDate' }),
      field('note', 'text'),
    ];

    it('given a string derived value reading an ID number, when checked, then personal-data-copied', () => {
      const sut = buildForm(
        personal,
        [],
        [{ key: 'copy', type: 'string', title: t('c'), expression: 'upper(idNumber)' }],
      );
      expect(codes(checkForm(sut))).toEqual(['/derived/0/expression personal-data-copied']);
    });

    it('given a derived value copying that derived value, when checked, then both are refused', () => {
      const sut = buildForm(
        personal,
        [],
        [
          { key: 'copy', type: 'string', title: t('c'), expression: 'idNumber' },
          { key: 'again', type: 'string', title: t('a'), expression: 'derived.copy' },
        ],
      );
      expect(checkForm(sut).map((p) => p.code)).toEqual([
        'personal-data-copied',
        'personal-data-copied',
      ]);
    });

    it('given an assignment of an ID number to an untagged field, when checked, then refused', () => {
      const sut = buildForm(personal, [
        { id: 'r', effects: [{ type: 'assign', target: 'note', value: 'idNumber' }] },
      ]);
      expect(codes(checkForm(sut))).toEqual(['/rules/0/effects/0/value personal-data-copied']);
    });

    it('given a boolean about the ID number and an age from the birth date, when checked, then allowed', () => {
      const sut = buildForm(
        personal,
        [],
        [
          { key: 'hasId', type: 'boolean', title: t('h'), expression: 'idNumber != null' },
          { key: 'age', type: 'number', title: t('a'), expression: 'age(birthDate)' },
        ],
      );
      expect(checkForm(sut)).toEqual([]);
    });
  });

  it('given a catastrophic pattern (a+)+$, when checked, then unsafe-pattern at the field pattern', () => {
    const sut = buildForm([field('code', 'text', { pattern: '(a+)+$' })]);
    const [p] = checkForm(sut);
    expect(p).toMatchObject({ code: 'unsafe-pattern', pointer: '/items/0/children/0/pattern' });
  });

  it('given an escape attempt in an expression, when checked, then a static problem and no compiled form', () => {
    const sut = buildForm(
      [field('n', 'text')],
      [
        {
          id: 'r',
          when: 'constructor.constructor("return process")() == 1',
          effects: [{ type: 'visible', target: 'n' }],
        },
      ],
    );
    expect(checkForm(sut).length).toBeGreaterThan(0);
    expect(() => compileForm(sut)).toThrow(DefinitionError);
  });

  it('given a field using a dictionary that does not exist, when checked with dictionaries, then unknown-dictionary', () => {
    const sut = buildForm([field('clinic', 'lookup', { dictionary: 'nope' })]);
    expect(codes(checkForm(sut, indexDictionaries([])))).toEqual([
      '/items/0/children/0/dictionary unknown-dictionary',
    ]);
  });

  it('given an identity field whose ID type sibling is missing, when checked, then unknown-field', () => {
    const sut = buildForm([field('id', 'identityNumber', { idTypeField: 'idType' })]);
    expect(codes(checkForm(sut))).toEqual(['/items/0/children/0/idTypeField unknown-field']);
  });

  it('given 501 fields, when checked, then too-many-fields', () => {
    const many = Array.from({ length: 501 }, (_, i) => field(`f${i}`, 'yesNo'));
    expect(checkForm(buildForm(many)).map((p) => p.code)).toEqual(['too-many-fields']);
  });

  it('given a parameter default outside its range, when checked, then invalid-parameter', () => {
    const sut = buildForm([field('n', 'number')], [], [], {
      parameters: [{ key: 'p', type: 'number', title: t('p'), default: 50, min: 0, max: 10 }],
    });
    expect(codes(checkForm(sut))).toEqual(['/parameters/0/default invalid-parameter']);
  });
});
