import { validate } from '@sentinel/definitions';
import { ApiError } from '../../../src/common/errors';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { asJson, feverCheckForm, symptomsDictionary } from './registry-fixtures';
import { startRegistry, wipeRegistry, type RegistryInstance } from './registry-harness';

describe('registry dictionaries (medium)', () => {
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

  const publish = (kind: 'form' | 'dictionary', definition: { key: string }) =>
    sut.publisher.publish(kind, asJson(definition), 'editor-1');

  it('given a form whose golden case picks cough, when a dictionary version without cough is published, then 422 names the form and case and v1 stays in force', async () => {
    await publish('dictionary', symptomsDictionary());
    await publish('form', feverCheckForm());

    const withoutCough = symptomsDictionary([{ code: 'none', label: { zh: '无', en: 'None' } }]);
    const error = await sut.publisher.publish('dictionary', asJson(withoutCough), 'editor-1').then(
      () => null,
      (e: unknown) => e as ApiError,
    );

    expect(error).toBeInstanceOf(ApiError);
    expect(error?.getStatus()).toBe(422);
    expect(error?.details).toEqual([
      expect.objectContaining({ path: '/definition', code: 'dependent-golden-case-failed' }),
    ]);
    expect(error?.details[0]?.message.en).toContain('fever-check v1');
    expect(error?.details[0]?.message.en).toContain('a cough is a known symptom');
    expect((await sut.registry.currentDictionary('test-symptoms'))?.version).toBe(1);
  });

  it('given a form in force, when a dictionary version adds a code, then the form compiles against it and accepts the code', async () => {
    await publish('dictionary', symptomsDictionary());
    await publish('form', feverCheckForm());
    const before = await sut.registry.currentForm('fever-check');
    const input = { temperature: 36.5, symptom: 'fever' };
    expect(validate(before!.compiled, input, { now: new Date() }).valid).toBe(false);

    await publish(
      'dictionary',
      symptomsDictionary([
        ...symptomsDictionary().items,
        { code: 'fever', label: { zh: '发热', en: 'Fever' } },
      ]),
    );

    const after = await sut.registry.currentForm('fever-check');
    expect(after?.version).toBe(1);
    expect(after?.dictionaryVersions).toEqual({ 'test-symptoms': 2 });
    expect(validate(after!.compiled, input, { now: new Date() }).valid).toBe(true);
  });

  it('given no such dictionary published, when a form reading it is published, then 422 unknown-dictionary at its field', async () => {
    const error = await publish('form', feverCheckForm()).then(
      () => null,
      (e: unknown) => e as ApiError,
    );

    expect(error?.details.map((d) => `${d.path} ${d.code}`)).toContain(
      '/definition/items/2/dictionary unknown-dictionary',
    );
  });

  it('given an old form version that a later dictionary breaks, when read by version, then it compiles with the dictionaries it was published with', async () => {
    const grouped = symptomsDictionary([
      { code: 'resp', label: { zh: '呼吸道', en: 'Respiratory' } },
      { code: 'cough', label: { zh: '咳嗽', en: 'Cough' }, parent: 'resp' },
    ]);
    await publish('dictionary', grouped);
    const form = feverCheckForm();
    const rooted = feverCheckForm({
      items: [
        form.items[0]!,
        form.items[1]!,
        { ...form.items[2]!, dictionaryRoot: 'resp' } as never,
      ],
    });
    await publish('form', rooted);
    await publish('form', feverCheckForm({ goldenCases: [form.goldenCases![0]!] }));
    await publish(
      'dictionary',
      symptomsDictionary([{ code: 'none', label: { zh: '无', en: 'None' } }]),
    );

    const pinned = await sut.registry.formVersion('fever-check', 1);

    expect(pinned?.dictionaryVersions).toEqual({ 'test-symptoms': 1 });
    expect(
      validate(pinned!.compiled, { temperature: 36.5, symptom: 'cough' }, { now: new Date() })
        .valid,
    ).toBe(true);
    expect((await sut.registry.currentForm('fever-check'))?.dictionaryVersions).toEqual({
      'test-symptoms': 2,
    });
  });
});
