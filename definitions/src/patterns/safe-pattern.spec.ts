import { compilePattern, namedPattern, NAMED_PATTERNS, type SafePattern } from './index';

function accepted(source: string): SafePattern {
  const result = compilePattern(source);
  if (!result.ok) throw new Error(`${source}: ${result.diagnostics[0]?.message.en}`);
  return result.pattern;
}

function refusal(source: string): string | undefined {
  const result = compilePattern(source);
  return result.ok ? undefined : result.diagnostics[0]?.code;
}

describe('compilePattern', () => {
  // RegExp serves only as the test oracle here; production code never builds one from a pattern.
  const oracleCases: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['^1[3-9]\\d{9}$', ['13800138000', '12800138000', '1380013800', 'x13800138000', '']],
    ['^(东莞|深圳)市', ['东莞市人民医院', '广州市', '深圳市']],
    ['a(b|c)*d', ['ad', 'xabcbcd', 'abd!', 'aed']],
    ['^[^0-9]+$', ['abc', 'a1', '']],
    ['^a.c$', ['abc', 'a\nc', 'ac']],
    ['^\\s*\\w+\\s*$', ['  hi ', 'hi there', '']],
    ['colou?r', ['color', 'colour', 'colr']],
    ['^(ab){2,3}$', ['ab', 'abab', 'ababab', 'abababab']],
    ['^[\\u4e00-\\u9fa5]{2,4}$', ['张三', '欧阳娜娜', '张', 'Zhang']],
    ['^\\d{17}[\\dXx]$', ['44190020000101123X', '441900200001011234', '4419002000010112']],
    ['^$', ['', 'a']],
    ['x*', ['', 'yyy']],
    ['^(a|)+b$', ['b', 'aab', 'aac']],
    ['[.$^]', ['a.b', 'abc']],
    ['\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\\\', ['.*+?()[]{}|\\', '.*+']],
  ];

  it.each(oracleCases)('agrees with RegExp on %s', (source, inputs) => {
    // given
    const sut = accepted(source);
    const oracle = new RegExp(source);

    // then
    for (const input of inputs)
      expect([input, sut.test(input)]).toEqual([input, oracle.test(input)]);
  });

  it.each([
    ['(a+)+$', 'unsafe-pattern'],
    ['(a*)*', 'unsafe-pattern'],
    ['(x+x+)+y', 'unsafe-pattern'],
    ['(a|b*)+', 'unsafe-pattern'],
    ['a{2,}', 'unsafe-pattern'],
    ['a{1,101}', 'unsafe-pattern'],
    ['((a{100}){100})', 'unsafe-pattern'],
    ['a'.repeat(201), 'unsafe-pattern'],
    ['(a)\\1', 'invalid-pattern'],
    ['(?=a)', 'invalid-pattern'],
    ['(?<n>a)', 'invalid-pattern'],
    ['a+?', 'invalid-pattern'],
    ['a**', 'invalid-pattern'],
    ['\\bword', 'invalid-pattern'],
    ['(a', 'invalid-pattern'],
    ['a)', 'invalid-pattern'],
    ['[z-a]', 'invalid-pattern'],
    ['[]', 'invalid-pattern'],
    ['*a', 'invalid-pattern'],
    ['^*', 'invalid-pattern'],
    ['a{x}', 'invalid-pattern'],
    ['\\q', 'invalid-pattern'],
  ])('refuses %s as %s', (source, code) => {
    expect(refusal(source)).toBe(code);
  });

  it('explains the refusal of nested quantifiers in both languages', () => {
    // when
    const result = compilePattern('(a+)+$');

    // then
    expect(result.ok).toBe(false);
    expect(!result.ok && result.diagnostics[0]).toMatchObject({
      start: 0,
      message: {
        zh: expect.stringContaining('嵌套'),
        en: expect.stringContaining('nested unbounded'),
      },
    });
  });

  it('matches 50,000-character hostile inputs against accepted patterns in linear time', () => {
    // given patterns that backtracking engines handle badly, and inputs built to hurt them
    const patterns = [
      '^(a|aa)*b$',
      '^(a|a)*$',
      '(a|b|ab)*c',
      '^\\w*\\d*x$',
      '^(.*a){0,20}$',
      '^(a?){30}a{30}$',
      '.{0,100}z',
    ];
    const inputs = ['a'.repeat(50_000), 'a'.repeat(49_999) + '!', 'ab'.repeat(25_000)];

    // when
    const started = Date.now();
    let slowest = 0;
    for (const source of patterns) {
      const sut = accepted(source);
      for (const input of inputs) {
        const t = Date.now();
        sut.test(input);
        slowest = Math.max(slowest, Date.now() - t);
      }
    }

    // then every single match finishes in well under a second, all of them together in a few
    expect(slowest).toBeLessThan(500);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('handles characters outside the BMP as single characters', () => {
    expect(accepted('^.$').test('😀')).toBe(true);
    expect(accepted('^..$').test('😀')).toBe(false);
  });
});

describe('named patterns', () => {
  it('compiles every named pattern from the vetted subset', () => {
    for (const name of Object.keys(NAMED_PATTERNS)) expect(namedPattern(name)).toBeDefined();
    expect(namedPattern('constructor')).toBeUndefined();
  });

  it.each([
    ['mobile-cn', '13800138000', true],
    ['mobile-cn', '23800138000', false],
    ['postcode-cn', '523000', true],
    ['postcode-cn', '52300', false],
    ['digits', '0123', true],
    ['digits', '12a', false],
    ['id-card-cn', '44190020000101123X', true],
    ['uscc-cn', '91441900MA4UABCD1X', true],
    ['name-zh', '欧阳·娜娜', true],
    ['email', 'a.b@example.cn', true],
    ['email', 'a@b', false],
  ] as const)('%s on %s → %s', (name, input, expected) => {
    expect(namedPattern(name)?.test(input)).toBe(expected);
  });
});
