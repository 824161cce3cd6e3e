import { buildForm, field, t } from '../../test/factories/form.factory';
import { compileForm } from '../model/compile-form';
import type { FormDefinition, RuleDefinition } from '../types/form.types';
import { validate } from '../validate/validate';
import type { FormilyNode } from './formily-fields';
import { createSafeFormilyCompiler } from './formily-compiler';
import { toFormilySchema } from './formily-schema';
import { createSafeValidateRules } from './formily-validate-rules';

const NOW = new Date('2024-05-01T04:00:00Z');
const opt = (code: string) => ({ code, label: { zh: `选项${code}`, en: `Option ${code}` } });

/** Two rules on one field (later wins), an assignment, an options filter and a row rule. */
function sampleForm(): FormDefinition {
  const rules: RuleDefinition[] = [
    {
      id: 'fever',
      when: 'temp >= params.threshold',
      effects: [
        { type: 'visible', target: 'note' },
        { type: 'required', target: 'note' },
      ],
    },
    {
      id: 'male',
      when: "sex == '1'",
      effects: [{ type: 'visible', target: 'note', value: false }],
    },
    {
      id: 'toF',
      when: 'temp != null',
      effects: [{ type: 'assign', target: 'tempF', value: 'temp * 1.8 + 32' }],
    },
    {
      id: 'noA',
      when: "sex == '2'",
      effects: [{ type: 'options', target: 'kinds', filter: "option.code != 'a'" }],
    },
    {
      id: 'long',
      scope: 'drugs',
      when: 'days > 7',
      effects: [
        { type: 'visible', target: 'reason' },
        { type: 'required', target: 'reason' },
      ],
    },
  ];
  const form = buildForm(
    [
      field('name', 'text', { required: true, maxLength: 10, title: { zh: '姓名', en: 'Name' } }),
      field('temp', 'number', { unit: '°C', min: 30, max: 45, precision: 1 }),
      field('tempF', 'number', { readonly: true }),
      field('sex', 'choice', { options: [opt('1'), opt('2')] }),
      field('kinds', 'multiChoice', { options: [opt('a'), opt('b')] }),
      field('mobile', 'phone'),
      field('code', 'text', { pattern: '^[A-Z]{2}$' }),
      field('note', 'text', { hidden: true }),
    ],
    rules,
  );
  const repeat = {
    kind: 'repeat' as const,
    key: 'drugs',
    title: t('药品'),
    children: [field('days', 'integer'), field('reason', 'text', { hidden: true })],
  };
  return {
    ...form,
    items: [...form.items, { kind: 'group', key: 'more', title: t('更多'), children: [repeat] }],
  };
}

const props = (node: FormilyNode): Record<string, FormilyNode> =>
  node.properties as Record<string, FormilyNode>;
const unbrace = (s: unknown): string => String(s).replace(/^\{\{|\}\}$/g, '');

describe('toFormilySchema', () => {
  const form = sampleForm();
  const sut = toFormilySchema(form);
  const main = props(props(sut).main!);

  it('given sections and groups, when mapped, then they are void containers holding the fields in order', () => {
    expect(sut.type).toBe('object');
    expect(props(sut).main).toMatchObject({ type: 'void', 'x-component': 'Card', 'x-index': 0 });
    expect(props(sut).more).toMatchObject({
      type: 'void',
      'x-component': 'FormLayout',
      title: '更多',
    });
    expect(Object.keys(main)).toEqual([
      'name',
      'temp',
      'tempF',
      'sex',
      'kinds',
      'mobile',
      'code',
      'note',
    ]);
  });

  it('given static constraints, when mapped, then they become required, x-validator, enum and component props', () => {
    expect(main.name).toMatchObject({
      required: true,
      'x-decorator': 'FormItem',
      'x-validator': [{ maxLength: 10 }],
    });
    expect(main.temp).toMatchObject({
      'x-component': 'NumberPicker',
      'x-component-props': { precision: 1, addonAfter: '°C' },
    });
    expect(main.sex).toMatchObject({
      'x-component': 'Radio.Group',
      enum: [
        { value: '1', label: '选项1' },
        { value: '2', label: '选项2' },
      ],
    });
    expect(main.mobile!['x-validator']).toEqual([
      { pattern: '^1[3-9]\\d{9}$', message: '手机号码格式不正确' },
    ]);
    // Not a named pattern: it must run on our NFA, never on Formily's RegExp.
    expect(main.code!['x-validator']).toContainEqual({
      safePattern: '^[A-Z]{2}$',
      message: '格式不正确',
    });
    expect(main.tempF).toMatchObject({ 'x-read-only': true });
  });

  it('given an English locale, when mapped, then titles and labels are English', () => {
    const en = props(props(toFormilySchema(form, { locale: 'en' })).main!);
    expect(en.name!.title).toBe('Name');
    expect(en.sex!.enum).toContainEqual({ label: 'Option 1', value: '1' });
  });

  it('given two rules on one field, when folded, then one reaction holds the whole state in our language', () => {
    expect(main.note!['x-reactions']).toEqual([
      {
        dependencies: ['sex', 'temp'],
        fulfill: {
          state: {
            visible: "{{not (sex == '1') and (temp >= params.threshold)}}",
            required:
              "{{(not (sex == '1') and (temp >= params.threshold)) and (temp >= params.threshold)}}",
          },
        },
      },
    ]);
  });

  it('given an assignment and an options filter, when mapped, then a value reaction and an optionFilter prop appear', () => {
    expect(main.tempF!['x-reactions']).toEqual([
      {
        dependencies: ['temp'],
        when: '{{temp != null}}',
        fulfill: { state: { value: '{{temp * 1.8 + 32}}' } },
      },
    ]);
    expect(main.kinds!['x-component-props']).toMatchObject({
      optionFilter: "(sex == '2' ? (option.code != 'a') : true)",
    });
  });

  it('given a repeat with a row rule, when mapped, then an ArrayTable row field reacts to its sibling', () => {
    const drugs = props(props(sut).more!).drugs!;
    expect(drugs).toMatchObject({
      type: 'array',
      'x-component': 'ArrayTable',
      'x-validator': [{ maxItems: 1000 }],
    });
    const row = props(drugs.items as FormilyNode);
    const reason = props(row.__column__reason!).reason!;
    expect(reason['x-reactions']).toEqual([
      {
        dependencies: ['.days'],
        fulfill: { state: { visible: '{{days > 7}}', required: '{{days > 7}}' } },
      },
    ]);
    expect(toFormilySchema(form, { repeatComponent: 'ArrayItems' })).toMatchObject({
      properties: {
        more: {
          properties: {
            drugs: {
              'x-component': 'ArrayItems',
              items: { properties: { reason: { type: 'string' } } },
            },
          },
        },
      },
    });
  });

  it.each([
    [{ temp: 38, sex: '2' }],
    [{ temp: 38, sex: '1' }],
    [{ temp: 36, sex: '2' }],
    [{ temp: 'hot', sex: '2' }],
  ])(
    'given %j, when the reactions run on the safe compiler, then note and tempF agree with validate',
    (input) => {
      const compiler = createSafeFormilyCompiler(form, { now: () => NOW });
      const result = validate(compileForm(form), input, { now: NOW });
      const reaction = (main.note!['x-reactions'] as FormilyNode[])[0]!.fulfill as {
        state: Record<string, string>;
      };
      const scope = { $values: input };
      expect(compiler(unbrace(reaction.state.visible), scope)).toBe(
        result.effects.visible['/note'],
      );
      expect(compiler(unbrace(reaction.state.required), scope)).toBe(
        result.effects.required['/note'],
      );
      const assign = (main.tempF!['x-reactions'] as FormilyNode[])[0]!;
      const assigned =
        compiler(unbrace(assign.when), scope) === true
          ? compiler(unbrace((assign.fulfill as { state: FormilyNode }).state.value), scope)
          : undefined;
      expect(assigned ?? null).toBe(result.values.tempF ?? null);
    },
  );
});

describe('createSafeValidateRules', () => {
  const sut = createSafeValidateRules();

  it('given a safe pattern, when values are checked, then mismatches get the message and empties pass', () => {
    const rule = { safePattern: '^[A-Z]{2}$', message: '格式不正确' };
    expect(sut.safePattern('AB', rule)).toBe('');
    expect(sut.safePattern('abc', rule)).toBe('格式不正确');
    expect(sut.safePattern('', rule)).toBe('');
  });
});
