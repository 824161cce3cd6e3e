import { JuelEvaluationError, JuelSyntaxError } from './juel-errors';
import { compileJuel, compileTemplate, evaluateTemplate, isJuelTemplate } from './juel';

const vars =
  (values: Record<string, unknown>) =>
  (name: string): unknown =>
    values[name];
const run = (source: string, values: Record<string, unknown> = {}): unknown =>
  compileJuel(source).evaluate(vars(values));

/** The position of the syntax error a source raises (fails the test when none is raised). */
function syntaxErrorOf(source: string): JuelSyntaxError {
  try {
    compileJuel(source);
  } catch (e) {
    if (e instanceof JuelSyntaxError) return e;
    throw e;
  }
  throw new Error(`no syntax error for ${source}`);
}

describe('compileJuel: the expressions used by the province workflows', () => {
  it.each([
    ["${decision == 'approve'}", { decision: 'approve' }, true],
    ["${decision == 'approve'}", { decision: 'reject' }, false],
    ["${decision == 'reject'}", { decision: 'reject' }, true],
    ["${decision == 'return'}", { decision: 'return' }, true],
    ["${decision == 'confirm'}", { decision: 'confirm' }, true],
    ["${decision == 'approve' || decision == 'reject'}", { decision: 'reject' }, true],
    ["${decision == 'approve' || decision == 'reject'}", { decision: 'return' }, false],
    ["${decision == 'reject' || decision == 'return'}", { decision: 'approve' }, false],
    ["${decision == 'reject' || decision == 'return'}", { decision: 'return' }, true],
    ["${decision != 'approve'}", { decision: 'approve' }, false],
    ['${escalateAfter}', { escalateAfter: 'PT24H' }, 'PT24H'],
    [
      '${nrOfCompletedInstances >= nrOfInstances}',
      { nrOfCompletedInstances: 2, nrOfInstances: 2 },
      true,
    ],
    ['#{decision eq "approve"}', { decision: 'approve' }, true],
  ])('given %s on %j, when evaluated, then it gives %j', (source, values, expected) => {
    expect(run(source, values)).toEqual(expected);
  });

  it('given a condition, when compiled, then it lists the variables it reads once each', () => {
    expect(compileJuel("${decision == 'reject' || decision == 'return'}").identifiers).toEqual([
      'decision',
    ]);
    expect(compileJuel("${form.items[i]['x'] > limit}").identifiers).toEqual([
      'form',
      'i',
      'limit',
    ]);
  });
});

describe('compileJuel: operators and precedence', () => {
  it.each([
    ['${1 + 2 * 3}', 7],
    ['${(1 + 2) * 3}', 9],
    ['${10 - 4 - 3}', 3],
    ['${7 / 2}', 3.5],
    ['${7 div 2}', 3.5],
    ['${7 % 4}', 3],
    ['${7 mod 4}', 3],
    ['${-3 + 5}', 2],
    ['${- -3}', 3],
    ['${1 < 2 && 2 <= 2}', true],
    ['${3 gt 2 and 2 ge 3}', false],
    ['${1 lt 2 or false}', true],
    ['${1 le 0 || 2 > 1}', true],
    ['${true || false && false}', true],
    ['${!true || true}', true],
    ['${not (true && false)}', true],
    ['${1 == 1 ? 2 : 3}', 2],
    ['${false ? 1 : true ? 2 : 3}', 2],
    ["${1 + 1 == 2 && 'a' ne 'b'}", true],
    ['${null == null}', true],
    ['${null == 0}', false],
    ['${1.5e1}', 15],
    ['${.5}', 0.5],
    ["${'it\\'s' == \"it's\"}", true],
    ["${'a' < 'b'}", true],
  ])('given %s, when evaluated, then it gives %j', (source, expected) => {
    expect(run(source)).toEqual(expected);
  });

  it('given EL coercion cases, when evaluated, then numbers, numeric strings, booleans and null follow the documented rules', () => {
    expect(run("${n == '2'}", { n: 2 })).toBe(true);
    expect(run("${n == 'x'}", { n: 2 })).toBe(false);
    expect(run("${flag == 'true'}", { flag: true })).toBe(true);
    expect(run('${missing == null}')).toBe(true);
    expect(run('${missing + 1}')).toBe(1);
    expect(run("${'3' * 2}")).toBe(6);
    expect(run('${missing < 1}')).toBe(false);
    expect(run('${missing && true}')).toBe(false);
    expect(run('${flag && true}', { flag: 'TRUE' })).toBe(true);
    expect(() => run("${'a' * 2}")).toThrow(JuelEvaluationError);
    expect(() => run('${1 && true}')).toThrow(JuelEvaluationError);
    expect(() => run('${list < 1}', { list: [] })).toThrow(JuelEvaluationError);
  });

  it('given empty, when applied to null, "", lists and objects, then only the empty ones are empty', () => {
    expect(run('${empty x}', {})).toBe(true);
    expect(run('${empty x}', { x: '' })).toBe(true);
    expect(run('${empty x}', { x: [] })).toBe(true);
    expect(run('${empty x}', { x: {} })).toBe(true);
    expect(run('${not empty x}', { x: ['a'] })).toBe(true);
    expect(run('${empty x}', { x: 0 })).toBe(false);
  });

  it('given property access on objects and lists, when evaluated, then own properties and indexes are read and missing ones are null', () => {
    const values = { a: { b: { c: 4 } }, list: ['x', 'y'], key: 'b' };
    expect(run('${a.b.c}', values)).toBe(4);
    expect(run("${a['b']['c']}", values)).toBe(4);
    expect(run('${a[key].c}', values)).toBe(4);
    expect(run('${list[1]}', values)).toBe('y');
    expect(run("${list['0']}", values)).toBe('x');
    expect(run('${list[5]}', values)).toBeNull();
    expect(run('${a.zz.c}', values)).toBeNull();
    expect(run('${a.toString}', values)).toBeNull();
    expect(run('${list.length}', values)).toBeNull();
    expect(() => run('${s.length}', { s: 'abc' })).toThrow(JuelEvaluationError);
    expect(() => run('${d.time}', { d: new Date() })).toThrow(JuelEvaluationError);
  });
});

describe('compileJuel: hostile and malformed input', () => {
  it.each([
    ["${constructor.constructor('x')()}", 2],
    ['${a.__proto__}', 4],
    ["${a['__proto__']}", 3],
    ['${a.prototype}', 4],
    ['${x.toString()}', 12],
    ['${fn:upper(x)}', 2],
    ['${a = 1}', 4],
    ['${a; b}', 3],
    ['${[1, 2]}', 2],
    ['${{}}', 2],
    ["${'abc}", 2],
    ['${a + }', 6],
    ['${}', 2],
    ['${a', 3],
    ['${empty}', 7],
    ['${x instanceof y}', 4],
    ["${'\\n'}", 3],
    ['${1e}', 3],
    ['${a} trailing', 5],
    ['no expression', 0],
  ])('given %s, when compiled, then a syntax error names position %i', (source, position) => {
    const error = syntaxErrorOf(source);
    expect(error.position).toBe(position);
    expect(error.localized.zh).not.toBe('');
    expect(error.localized.en).not.toBe('');
  });

  it('given a key computed at run time naming the prototype, when evaluated, then it is refused', () => {
    const compiled = compileJuel('${a[k]}');
    expect(() => compiled.evaluate(vars({ a: {}, k: '__proto__' }))).toThrow(JuelEvaluationError);
    expect(() => compiled.evaluate(vars({ a: {}, k: 'constructor' }))).toThrow(JuelEvaluationError);
  });

  it('given nesting of 31 parentheses, when compiled, then it is accepted, and 32 are refused', () => {
    expect(run(`\${${'('.repeat(31)}1${')'.repeat(31)}}`)).toBe(1);
    expect(syntaxErrorOf(`\${${'('.repeat(32)}1${')'.repeat(32)}}`).localized.en).toMatch(
      /deeper than 32/,
    );
    expect(syntaxErrorOf(`\${${'!'.repeat(40)}true}`).localized.en).toMatch(/deeper than 32/);
  });

  it('given more than 1,000 characters, when compiled, then it is refused before parsing', () => {
    const long = `\${${'1 + '.repeat(300)}1}`;
    expect(syntaxErrorOf(long).localized.en).toMatch(/longer than 1000/);
  });
});

describe('templates', () => {
  it('given texts, when asked whether they are templates, then only unescaped expressions count', () => {
    expect(isJuelTemplate('${a}')).toBe(true);
    expect(isJuelTemplate('due in #{days} days')).toBe(true);
    expect(isJuelTemplate('PT24H')).toBe(false);
    expect(isJuelTemplate('costs \\${a}')).toBe(false);
    expect(isJuelTemplate('$ {a}')).toBe(false);
  });

  it('given one whole expression, when evaluated, then the raw value comes back', () => {
    expect(evaluateTemplate('${n}', vars({ n: 3 }))).toBe(3);
    expect(evaluateTemplate('${list}', vars({ list: [1] }))).toEqual([1]);
  });

  it('given literal parts around expressions, when evaluated, then a string is built with null as ""', () => {
    expect(evaluateTemplate('${a}-${b}:${c}!', vars({ a: 1, b: 'x' }))).toBe('1-x:!');
    expect(evaluateTemplate('cost \\${a} ${a}', vars({ a: 2 }))).toBe('cost ${a} 2');
  });

  it('given no expression, when evaluated, then the text itself comes back', () => {
    expect(evaluateTemplate('PT24H', vars({}))).toBe('PT24H');
    expect(evaluateTemplate('', vars({}))).toBe('');
  });

  it('given a template, when compiled, then its identifiers and expressions are listed and a bad part names its offset in the whole text', () => {
    const template = compileTemplate('${a} and ${b + a}');
    expect(template.identifiers).toEqual(['a', 'b']);
    expect(template.expressions.map((e) => e.source)).toEqual(['${a}', '${b + a}']);
    expect(() => compileTemplate('ok ${a.__proto__}')).toThrow(
      expect.objectContaining({ position: 7 }),
    );
  });
});
