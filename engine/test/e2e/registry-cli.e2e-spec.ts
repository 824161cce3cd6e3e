import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishDirectory, publishRunOf } from '../../src/cli/definitions-publish';
import { REPO_ROOT } from '../../src/config';
import { feverCheckForm, symptomsDictionary } from '../medium/registry/registry-fixtures';
import { createAccount, DEMO_PASSWORD, FAST_HASHING_ENV } from '../support/auth-helpers';
import { startE2eApp, type E2eApp } from './e2e-app';

/** A content folder with the fixture dictionary and form, as files an editor would keep. */
function contentFolder(form = feverCheckForm()): string {
  const dir = mkdtempSync(join(tmpdir(), 'definitions-publish-'));
  mkdirSync(join(dir, 'dictionaries'));
  mkdirSync(join(dir, 'forms'));
  const withHint = (schema: string, value: object) =>
    JSON.stringify({ $schema: `../../schemas/${schema}.schema.json`, ...value }, null, 2);
  writeFileSync(
    join(dir, 'dictionaries', 'test-symptoms.json'),
    withHint('dictionary', symptomsDictionary()),
  );
  writeFileSync(join(dir, 'forms', 'fever-check.json'), withHint('form', form));
  return dir;
}

describe('definitions-publish CLI against a running engine (e2e)', () => {
  let sut: E2eApp;
  let url: string;
  const folders: string[] = [];

  /** Runs the tool on a folder; returns its exit code and stdout / stderr lines. */
  async function runTool(dir: string, password = DEMO_PASSWORD) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await publishDirectory(
      { dir, url, username: 'cli-editor', password },
      (line) => out.push(line),
      (line) => err.push(line),
    );
    return { code, out, err };
  }

  beforeAll(async () => {
    sut = await startE2eApp(__filename, { ...FAST_HASHING_ENV, SENTINEL_SEED_CONTENT: 'false' });
    await sut.app.listen(0, '127.0.0.1');
    const address = sut.app.getHttpServer().address() as AddressInfo;
    url = `http://127.0.0.1:${address.port}`;
    await createAccount(sut.app, { username: 'cli-editor', roles: ['policy_editor'] });
  });
  afterAll(async () => {
    folders.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
    await sut.close();
  });

  it('given a new folder, when published twice, then dictionaries then forms are published once and the second run says unchanged', async () => {
    const dir = contentFolder();
    folders.push(dir);

    const first = await runTool(dir);
    const second = await runTool(dir);

    expect(first).toEqual({
      code: 0,
      out: [
        'published  dictionary dictionaries/test-symptoms.json v1',
        'published  form forms/fever-check.json v1',
      ],
      err: [],
    });
    expect(second.code).toBe(0);
    expect(second.out).toEqual([
      'unchanged  dictionary dictionaries/test-symptoms.json v1',
      'unchanged  form forms/fever-check.json v1',
    ]);
  });

  it('given a form whose golden case fails, when published, then it is refused with the problem and the tool exits 1', async () => {
    const form = feverCheckForm();
    const dir = contentFolder(
      feverCheckForm({
        title: { zh: '改过的', en: 'Changed' },
        goldenCases: [
          form.goldenCases![0]!,
          { ...form.goldenCases![1]!, expect: { valid: false } },
        ],
      }),
    );
    folders.push(dir);

    const run = await runTool(dir);

    expect(run.code).toBe(1);
    expect(run.out[0]).toBe('unchanged  dictionary dictionaries/test-symptoms.json v1');
    expect(run.out[1]).toBe('refused    form forms/fever-check.json');
    expect(run.out[2]).toMatch(
      /^ {2}\/definition\/goldenCases\/1 golden-case-failed: Golden case “a cough is a known symptom” failed/,
    );
    expect(run.err).toEqual(['1 definition(s) refused']);
  });

  it('given a wrong password, when run, then it stops before publishing and exits 1', async () => {
    const dir = contentFolder();
    folders.push(dir);

    const run = await runTool(dir, 'Wrong-pass-1');

    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err[0]).toMatch(/^definitions-publish: login as cli-editor: HTTP 401/);
  });

  it('given arguments and PUBLISH_* variables, when parsed, then the flag wins over the variable and defaults fill the rest', () => {
    expect(
      publishRunOf(['/tmp/x', '--url', 'http://h:1/'], { PUBLISH_URL: 'http://other' }),
    ).toEqual({
      dir: '/tmp/x',
      url: 'http://h:1',
      username: 'demo-policy-editor',
      password: DEMO_PASSWORD,
    });
    expect(publishRunOf([], { PUBLISH_USERNAME: 'u', PUBLISH_PASSWORD: 'p' })).toMatchObject({
      dir: join(REPO_ROOT, 'definitions', 'content'),
      url: 'http://127.0.0.1:3000',
      username: 'u',
      password: 'p',
    });
    expect(publishRunOf(['a', 'b'], {})).toBeNull();
    expect(publishRunOf(['--colour'], {})).toBeNull();
  });
});
