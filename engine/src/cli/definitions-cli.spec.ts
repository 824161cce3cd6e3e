import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli } from './definitions-cli';

/** Line numbers below are the lines of this literal (line 1 is the opening brace). */
const BROKEN_FORM = `{
  "kind": "form",
  "key": "broken",
  "version": 1,
  "title": { "zh": "坏", "en": "Broken" },
  "items": [
    { "kind": "field", "key": "temperature", "type": "number", "title": { "zh": "体温", "en": "T" } },
    { "kind": "field", "key": "code", "type": "text", "title": { "zh": "码", "en": "C" }, "pattern": "(a+)+$" },
    { "kind": "field", "key": "a", "type": "number", "title": { "zh": "a", "en": "a" } },
    { "kind": "field", "key": "b", "type": "number", "title": { "zh": "b", "en": "b" } }
  ],
  "rules": [
    { "id": "typo", "when": "temprature >= 37.3", "effects": [{ "type": "required", "target": "code" }] },
    { "id": "types", "when": "temperature + 1", "effects": [{ "type": "required", "target": "code" }] },
    { "id": "ab", "effects": [{ "type": "assign", "target": "a", "value": "b + 1" }] },
    { "id": "ba", "effects": [{ "type": "assign", "target": "b", "value": "a + 1" }] }
  ]
}
`;

describe('definitions CLI', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const run = (...args: string[]) =>
    runCli(
      args,
      (l) => out.push(l),
      (l) => err.push(l),
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'definitions-cli-'));
    mkdirSync(join(dir, 'forms'));
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a form with a typo, a type error, a cycle and (a+)+$, when validated, then each is printed at its exact file:line:col', () => {
    writeFileSync(join(dir, 'forms', 'broken.json'), BROKEN_FORM);
    const file = relative(process.cwd(), join(dir, 'forms', 'broken.json'));

    const code = run('validate', dir);

    expect(code).toBe(1);
    const lines = err.map((l) => l.split(' ').slice(0, 2).join(' '));
    expect(lines).toEqual([
      // the first character inside each expression string, or the string itself for a cycle
      `${file}:8:102 unsafe-pattern`,
      `${file}:13:30 unknown-field`,
      `${file}:14:31 type-mismatch`,
      `${file}:15:75 cycle`,
    ]);
  });

  it('given a form whose title misses en, when validated, then the schema error points at the title', () => {
    writeFileSync(
      join(dir, 'forms', 'f.json'),
      BROKEN_FORM.replace('"title": { "zh": "坏", "en": "Broken" }', '"title": { "zh": "坏" }'),
    );
    run('validate', dir);
    expect(err[0]).toMatch(/f\.json:5:12 schema-required /);
  });

  it('given the real content, when validated and tested, then exit code 0 and every golden case passes', () => {
    expect(run('validate')).toBe(0);
    expect(run('test')).toBe(0);
    expect(out.at(-1)).toMatch(/golden cases: \d+ passed, 0 failed/);
  });

  it('given a golden case expecting the wrong validity, when tested, then it fails at the case', () => {
    const form = JSON.parse(
      BROKEN_FORM.replace('(a+)+$', '^[a-z]+$').replace(/"rules": \[[\s\S]*\]\n/, '"rules": []\n'),
    ) as Record<string, unknown>;
    form.goldenCases = [{ name: 'wrong', input: { temperature: 'x' }, expect: { valid: true } }];
    writeFileSync(join(dir, 'forms', 'g.json'), JSON.stringify(form, null, 2));
    expect(run('test', dir)).toBe(1);
    expect(err.find((l) => l.includes('golden-case'))).toMatch(
      /g\.json:\d+:\d+ golden-case “wrong”: valid: expected true, got false/,
    );
  });
});
