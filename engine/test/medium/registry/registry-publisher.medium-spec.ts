import { validate } from '@sentinel/definitions';
import { ApiError } from '../../../src/common/errors';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { asJson, feverCheckForm, symptomsDictionary } from './registry-fixtures';
import { startRegistry, wipeRegistry, type RegistryInstance } from './registry-harness';

/** The ApiError a promise rejects with (fails the test if it resolves). */
async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => new Error('expected a refusal, got success'),
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw error;
  return error;
}

describe('registry publisher (medium)', () => {
  let db: TestDatabase;
  let sut: RegistryInstance;

  beforeAll(async () => {
    db = await createTestDatabase(__filename);
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    await wipeRegistry(db.connection);
    sut = await startRegistry(db);
  });
  afterEach(() => sut.close());

  /** Saves a draft over whatever revision is stored and publishes it. */
  async function publishForm(form = feverCheckForm(), effectiveFrom?: Date) {
    const current = await sut.store.findDraft('form', form.key);
    const saved = await sut.publisher.saveDraft(
      'form',
      form.key,
      asJson(form),
      current?.revision ?? 0,
      'editor-1',
    );
    return sut.publisher.publishDraft('form', form.key, saved.revision, 'editor-1', effectiveFrom);
  }

  async function publishDictionary(dictionary = symptomsDictionary()) {
    const current = await sut.store.findDraft('dictionary', dictionary.key);
    const saved = await sut.publisher.saveDraft(
      'dictionary',
      dictionary.key,
      asJson(dictionary),
      current?.revision ?? 0,
      'editor-1',
    );
    return sut.publisher.publishDraft('dictionary', dictionary.key, saved.revision, 'editor-1');
  }

  it('given a valid draft, when published twice, then versions 1 and 2 exist and version 1 is unchanged', async () => {
    await publishDictionary();
    const first = await publishForm();
    const v1Before = await sut.store.findVersion('form', 'fever-check', 1);

    const changed = feverCheckForm({
      title: { zh: '体温登记（新）', en: 'Temperature check (new)' },
    });
    const second = await publishForm(changed);

    expect([first.version, second.version]).toEqual([1, 2]);
    expect(await sut.store.findVersion('form', 'fever-check', 1)).toEqual(v1Before);
    const current = await sut.registry.currentForm('fever-check');
    expect(current).toMatchObject({ version: 2, definition: { version: 2, title: changed.title } });
    expect(current?.dictionaryVersions).toEqual({ 'test-symptoms': 1 });
    expect(current?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect((await sut.registry.formVersion('fever-check', 1))?.definition.title).toEqual(
      feverCheckForm().title,
    );
    expect(sut.audit.entries.filter((e) => e.action === 'publish')).toHaveLength(3);
  });

  it('given a published version, when a caller tries to change its definition in place, then the cached object refuses', async () => {
    await publishDictionary();
    await publishForm();
    const form = await sut.registry.currentForm('fever-check');

    expect(() => {
      (form?.definition as unknown as { title: unknown }).title = 'changed';
    }).toThrow(TypeError);
  });

  it('given a golden case that no longer holds, when published, then 422 names the case and nothing is stored', async () => {
    await publishDictionary();
    const form = feverCheckForm();
    const broken = feverCheckForm({
      goldenCases: [form.goldenCases![0]!, { ...form.goldenCases![1]!, expect: { valid: false } }],
    });

    const error = await refusal(publishForm(broken));

    expect(error.getStatus()).toBe(422);
    expect(error.code).toBe('PUBLISH_REFUSED');
    expect(error.details).toEqual([
      expect.objectContaining({
        path: '/definition/goldenCases/1',
        code: 'golden-case-failed',
        message: expect.objectContaining({
          en: expect.stringContaining('a cough is a known symptom'),
        }),
      }),
    ]);
    expect(error.details[0]?.message.en).toContain('valid: expected false, got true');
    expect(await sut.store.latestVersion('form', 'fever-check')).toBe(0);
    expect(sut.audit.entries.at(-1)).toMatchObject({ action: 'publish', outcome: 'failure' });
  });

  it('given static faults (unknown field, (a+)+$, constructor escape), when published, then 422 lists each with its pointer', async () => {
    await publishDictionary();
    const form = feverCheckForm();
    const hostile = feverCheckForm({
      items: [
        form.items[0]!,
        {
          kind: 'field',
          key: 'address',
          type: 'text',
          title: form.items[1]!.title,
          pattern: '(a+)+$',
        },
        form.items[2]!,
      ],
      rules: [
        {
          id: 'unknown',
          when: 'nosuchField > 1',
          effects: [{ type: 'required', target: 'address' }],
        },
        {
          id: 'escape',
          when: 'constructor.constructor("x")()',
          effects: [{ type: 'required', target: 'address' }],
        },
      ],
    });

    const error = await refusal(publishForm(hostile));

    expect(error.getStatus()).toBe(422);
    const found = error.details.map((d) => `${d.path} ${d.code}`);
    expect(found).toEqual(
      expect.arrayContaining([
        '/definition/items/1/pattern unsafe-pattern',
        '/definition/rules/0/when unknown-field',
        '/definition/rules/1/when forbidden-name',
      ]),
    );
    expect(await sut.store.latestVersion('form', 'fever-check')).toBe(0);
  });

  it('given a definition of the wrong shape, when published, then 422 reports meta-schema pointers, not a crash', async () => {
    await publishDictionary();
    const shapeless = { ...asJson(feverCheckForm()), items: 'none', colour: 'red' };
    const saved = await sut.publisher.saveDraft('form', 'fever-check', shapeless, 0, 'editor-1');

    expect(saved.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['/definition/items', '/definition/colour']),
    );
    const error = await refusal(
      sut.publisher.publishDraft('form', 'fever-check', saved.revision, 'editor-1'),
    );
    expect(error.details.map((d) => d.code)).toEqual(
      expect.arrayContaining(['schema-type', 'schema-additionalProperties']),
    );
  });

  it('given two editors saving the same revision at once, when both save, then exactly one succeeds and the other gets 409 with the current revision', async () => {
    const created = await Promise.allSettled([
      sut.publisher.saveDraft('form', 'fever-check', asJson(feverCheckForm()), 0, 'a'),
      sut.publisher.saveDraft('form', 'fever-check', asJson(feverCheckForm()), 0, 'b'),
    ]);
    expect(created.filter((r) => r.status === 'fulfilled')).toHaveLength(1);

    const edits = await Promise.allSettled([
      sut.publisher.saveDraft('form', 'fever-check', asJson(feverCheckForm()), 1, 'a'),
      sut.publisher.saveDraft('form', 'fever-check', asJson(feverCheckForm()), 1, 'b'),
    ]);

    expect(edits.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = edits.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ApiError);
    expect((rejected.reason as ApiError).getStatus()).toBe(409);
    expect((rejected.reason as ApiError).code).toBe('STALE_REVISION');
    expect((rejected.reason as ApiError).details[0]?.message.en).toContain('current revision is 2');
    expect((await sut.store.findDraft('form', 'fever-check'))?.revision).toBe(2);
  });

  it('given a draft whose key differs from the URL, when saved, then 400 at /definition/key', async () => {
    const error = await refusal(
      sut.publisher.saveDraft('form', 'other-form', asJson(feverCheckForm()), 0, 'a'),
    );
    expect([error.getStatus(), error.code, error.details[0]?.path]).toEqual([
      400,
      'KEY_MISMATCH',
      '/definition/key',
    ]);
  });

  it('given a version effective in the future, when read now, then the previous version is served until then', async () => {
    await publishDictionary();
    await publishForm();
    const later = new Date(Date.now() + 60 * 60_000);

    await publishForm(feverCheckForm({ title: { zh: '下月版', en: 'Next month' } }), later);

    expect((await sut.registry.currentForm('fever-check'))?.version).toBe(1);
    expect(
      (await sut.registry.currentForm('fever-check', new Date(later.getTime() + 1)))?.version,
    ).toBe(2);
    expect((await sut.registry.formVersion('fever-check', 2))?.effectiveFrom).toEqual(later);
  });

  it('given feverThreshold published as 38.0, when 37.5 without address is validated, then the new version accepts it and the old one still refuses', async () => {
    await publishDictionary();
    await publishForm();

    const publication = await sut.publisher.publishParameters(
      'fever-check',
      { feverThreshold: 38.0 },
      'province-admin',
    );

    expect(publication.version).toBe(2);
    const now = new Date();
    const v2 = await sut.registry.formVersion('fever-check', 2);
    const v1 = await sut.registry.formVersion('fever-check', 1);
    expect(v2?.parameters).toEqual({ feverThreshold: 38 });
    expect(validate(v2!.compiled, { temperature: 37.5 }, { now }).valid).toBe(true);
    const old = validate(v1!.compiled, { temperature: 37.5 }, { now });
    expect(old.errors.map((e) => `${e.path} ${e.code}`)).toEqual(['/address required']);
  });

  it('given parameter values that do not fit, when published, then 422 with a path per value and no new version', async () => {
    await publishDictionary();
    await publishForm();

    const error = await refusal(
      sut.publisher.publishParameters(
        'fever-check',
        { feverThreshold: 99, colour: 'red' },
        'province-admin',
      ),
    );
    const wrongType = await refusal(
      sut.publisher.publishParameters('fever-check', { feverThreshold: '38' }, 'province-admin'),
    );

    expect(error.getStatus()).toBe(422);
    expect(error.details.map((d) => `${d.path} ${d.code}`)).toEqual([
      '/values/feverThreshold above-maximum',
      '/values/colour unknown-parameter',
    ]);
    expect(wrongType.details.map((d) => `${d.path} ${d.code}`)).toEqual([
      '/values/feverThreshold wrong-type',
    ]);
    expect(await sut.store.latestVersion('form', 'fever-check')).toBe(1);
  });

  it('given a parameter change refused by an unpinned golden case, when published, then 422 at /values names the case', async () => {
    await publishDictionary();
    const form = feverCheckForm();
    const unpinned = feverCheckForm({
      goldenCases: [{ ...form.goldenCases![0]!, parameters: undefined }],
    });
    await publishForm(asJson(unpinned) as never);

    const error = await refusal(
      sut.publisher.publishParameters('fever-check', { feverThreshold: 38 }, 'province-admin'),
    );

    expect(error.details).toEqual([
      expect.objectContaining({ path: '/values', code: 'golden-case-failed' }),
    ]);
    expect(error.details[0]?.message.zh).toContain('37.5 ℃ at the 37.3 threshold');
  });

  it('given a draft, when parameters are published, then the draft follows so the next publication keeps them', async () => {
    await publishDictionary();
    await publishForm();

    await sut.publisher.publishParameters('fever-check', { feverThreshold: 38 }, 'admin');

    const draft = await sut.store.findDraft('form', 'fever-check');
    expect(draft?.revision).toBe(2);
    expect((draft?.definition['parameters'] as { default: number }[])[0]?.default).toBe(38);
  });
});
