import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '@sentinel/definitions';
import { contentDir } from '../../../src/modules/registry/registry-seeder';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { startRegistry, wipeRegistry, type RegistryInstance } from './registry-harness';

const jsonFiles = (folder: string) =>
  readdirSync(join(contentDir(), folder)).filter((name) => name.endsWith('.json'));

/** A content folder holding only the department form and the dictionary it reads. */
function smallContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'registry-seed-'));
  mkdirSync(join(dir, 'dictionaries'));
  mkdirSync(join(dir, 'forms'));
  for (const file of ['medical-subjects.json', 'genders.json'])
    cpSync(join(contentDir(), 'dictionaries', file), join(dir, 'dictionaries', file));
  cpSync(join(contentDir(), 'forms', 'department.json'), join(dir, 'forms', 'department.json'));
  return dir;
}

describe('registry seeding (medium)', () => {
  let db: TestDatabase;
  const instances: RegistryInstance[] = [];
  const start = async (seedContent = false) => {
    const instance = await startRegistry(db, { seedContent });
    instances.push(instance);
    return instance;
  };

  beforeAll(async () => {
    db = await createTestDatabase(__filename);
  });
  afterAll(() => db.drop());
  beforeEach(() => wipeRegistry(db.connection));
  afterEach(async () => {
    await Promise.all(instances.splice(0).map((i) => i.close()));
  });

  it('given an empty registry and SENTINEL_SEED_CONTENT, when the module boots, then every content form and dictionary is version 1 and a second seed publishes nothing', async () => {
    const sut = await start(true);

    const forms = await sut.store.listPointers('form');
    const dictionaries = await sut.store.listPointers('dictionary');
    expect(forms.map((p) => `${p.key}@${p.version}`).sort()).toEqual(
      jsonFiles('forms')
        .map((f) => `${f.replace(/\.json$/, '')}@1`)
        .sort(),
    );
    expect(dictionaries).toHaveLength(jsonFiles('dictionaries').length);
    expect(forms.every((p) => p.publishedBy === 'system')).toBe(true);
    expect(await sut.seeder.seed(contentDir())).toEqual([]);
  }, 120_000);

  it('given the seeded patient visit report, when the province admin publishes feverThreshold 38.0, then the golden cases pass and 37.5 ℃ needs no address', async () => {
    const sut = await start(true);

    const publication = await sut.publisher.publishParameters(
      'patient-visit-report',
      { feverThreshold: 38.0 },
      'province-admin',
    );

    expect(publication.version).toBe(2);
    const v1 = await sut.registry.formVersion('patient-visit-report', 1);
    const v2 = await sut.registry.currentForm('patient-visit-report');
    const at375 = { ...v1!.definition.goldenCases![1]!.input, temperature: 37.5 };
    const now = new Date('2020-12-29T06:00:00Z');
    const required = (form: typeof v1) =>
      validate(form!.compiled, at375, { now }).errors.map((e) => e.path);
    expect(required(v1)).toEqual(['/currentAddress', '/referralInstitution']);
    expect(required(v2)).toEqual([]);
  }, 120_000);

  it('given two instances booting together on an empty registry, when both seed, then each definition has exactly one version', async () => {
    const dir = smallContent();
    try {
      const [a, b] = await Promise.all([start(), start()]);

      const seeded = await Promise.all([a.seeder.seed(dir), b.seeder.seed(dir)]);

      const pointers = [
        ...(await a.store.listPointers('dictionary')),
        ...(await a.store.listPointers('form')),
      ];
      expect(pointers.map((p) => `${p.key}@${p.version}`).sort()).toEqual([
        'department@1',
        'genders@1',
        'medical-subjects@1',
      ]);
      expect(seeded.flat().sort()).toEqual(['department', 'genders', 'medical-subjects']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
