import { parseExpression } from './parser';
import type { BinaryNode, CallNode, NameNode } from './ast';
import { compileExpression } from './compile-expression';
import { typeScopeFromRecord } from './scopes';
import { T } from './value-types';

describe('parseExpression', () => {
  it('gives every node its source span', () => {
    // given
    const source = 'temperature >= params.feverThreshold';

    // when
    const { ast, diagnostics } = parseExpression(source);

    // then
    expect(diagnostics).toEqual([]);
    const sut = ast as BinaryNode;
    expect(sut).toMatchObject({
      kind: 'binary',
      op: '>=',
      start: 0,
      end: 36,
      opStart: 12,
      opEnd: 14,
    });
    expect(sut.right as NameNode).toMatchObject({
      path: ['params', 'feverThreshold'],
      start: 15,
      end: 36,
    });
  });

  it('parses calls with their callee span and arguments', () => {
    // when
    const { ast } = parseExpression('daysBetween(onsetDate, today())');

    // then
    const sut = ast as CallNode;
    expect(sut).toMatchObject({
      kind: 'call',
      callee: 'daysBetween',
      calleeEnd: 11,
      start: 0,
      end: 31,
    });
    expect(sut.args.map((a) => a.kind)).toEqual(['name', 'call']);
  });

  it('binds not looser than comparisons and accepts the symbolic spellings', () => {
    // when
    const words = parseExpression('not a == b and c').ast;
    const symbols = parseExpression('!(a == b) && c').ast;

    // then both are (not (a == b)) and c
    expect(words).toMatchObject({
      op: 'and',
      left: { kind: 'unary', op: 'not', operand: { op: '==' } },
    });
    expect(symbols).toMatchObject({
      op: 'and',
      left: { kind: 'unary', op: 'not', operand: { op: '==' } },
    });
  });

  it('reports lines and columns on multi-line sources', () => {
    // given
    const source = 'temperature >= 37.3\n  and\n  (1 +';

    // when
    const { diagnostics } = parseExpression(source);

    // then the error is at the end of line 3
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'syntax',
      start: { line: 3, column: 7, offset: source.length },
    });
  });

  it('refuses nesting deeper than the limit without exhausting the stack', () => {
    // given
    const deep = '('.repeat(10_000) + '1' + ')'.repeat(10_000);

    // when
    const tooLong = parseExpression(deep);
    const tooDeep = parseExpression(deep, { maxLength: 100_000 });

    // then
    expect(tooLong.diagnostics.map((d) => d.code)).toEqual(['too-long']);
    expect(tooDeep.diagnostics.map((d) => d.code)).toEqual(['too-deep']);
  });

  it('reports several refused constructs in one pass', () => {
    // when
    const { diagnostics } = parseExpression('constructor.constructor("return process")()');

    // then
    expect(diagnostics.map((d) => d.code)).toEqual([
      'forbidden-name',
      'call-not-allowed',
      'call-not-allowed',
      'forbidden-name',
    ]);
  });

  it('gives a helpful message for full-width punctuation', () => {
    // when
    const { diagnostics } = parseExpression('age（birth）');

    // then
    expect(diagnostics[0]?.message.zh).toContain('全角');
    expect(diagnostics[0]?.message.en).toContain('use "("');
  });

  it('never throws, whatever the input (seeded fuzz)', () => {
    // given a deterministic generator of hostile-ish sources
    const alphabet = [
      'a',
      'b.c',
      '(',
      ')',
      '[',
      ']',
      '+',
      '-',
      '*',
      '/',
      '==',
      '!',
      'not',
      'in',
      ',',
      '?',
      ':',
      "'",
      '"',
      '\\',
      '1',
      '2.5',
      ' ',
      '\n',
      'constructor',
      '__proto__',
      'age(',
      'matches(a, ',
      '.',
      '=',
      '{',
      '`',
      '（',
    ];
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const types = typeScopeFromRecord({ a: T.string(), 'b.c': T.number() });

    // when / then
    for (let i = 0; i < 2000; i++) {
      const length = Math.floor(random() * 20);
      const source = Array.from(
        { length },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
      expect(() => compileExpression(source, types)).not.toThrow();
    }
  });
});
