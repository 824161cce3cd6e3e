import request from 'supertest';
import type { App } from 'supertest/types';
import { authed, createAccount, FAST_HASHING_ENV, loginAs } from '../support/auth-helpers';
import { asJson, feverCheckForm, symptomsDictionary } from '../medium/registry/registry-fixtures';
import { startE2eApp, type E2eApp } from './e2e-app';

describe('definition registry over HTTP (e2e)', () => {
  let sut: E2eApp;
  let server: App;
  let editor: ReturnType<typeof authed>;
  let provinceAdmin: ReturnType<typeof authed>;
  let doctor: ReturnType<typeof authed>;

  beforeAll(async () => {
    sut = await startE2eApp(__filename, { ...FAST_HASHING_ENV, SENTINEL_SEED_CONTENT: 'false' });
    server = sut.app.getHttpServer() as App;
    await createAccount(sut.app, { username: 'registry-editor', roles: ['policy_editor'] });
    await createAccount(sut.app, { username: 'registry-admin', roles: ['province_admin'] });
    await createAccount(sut.app, {
      username: 'registry-doctor',
      roles: ['doctor'],
      institutionId: '000000000000000000000001',
    });
    editor = authed(sut.app, await loginAs(sut.app, 'registry-editor'));
    provinceAdmin = authed(sut.app, await loginAs(sut.app, 'registry-admin'));
    doctor = authed(sut.app, await loginAs(sut.app, 'registry-doctor'));
  });
  afterAll(() => sut.close());

  it('given no token, when a draft is saved, then 401; given a clinic doctor, then 403', async () => {
    const body = { definition: asJson(symptomsDictionary()), revision: 0 };

    await request(server).put('/api/admin/dictionaries/test-symptoms/draft').send(body).expect(401);
    await doctor.put('/api/admin/dictionaries/test-symptoms/draft').send(body).expect(403);
    await doctor.put('/api/admin/forms/fever-check/parameters').send({ values: {} }).expect(403);
  });

  it('given an editor, when the dictionary and form drafts are saved and published, then each is version 1 and served publicly', async () => {
    const dictionary = await editor
      .put('/api/admin/dictionaries/test-symptoms/draft')
      .send({ definition: asJson(symptomsDictionary()), revision: 0 })
      .expect(200);
    expect(dictionary.body).toEqual({ key: 'test-symptoms', revision: 1, problems: [] });
    await editor
      .post('/api/admin/dictionaries/test-symptoms/publish')
      .send({ revision: 1 })
      .expect(201);

    await editor
      .put('/api/admin/forms/fever-check/draft')
      .send({ definition: asJson(feverCheckForm()), revision: 0 })
      .expect(200);
    const published = await editor
      .post('/api/admin/forms/fever-check/publish')
      .send({ revision: 1 })
      .expect(201);

    expect(published.body).toMatchObject({ key: 'fever-check', version: 1 });
    const form = await request(server).get('/api/forms/fever-check').expect(200);
    expect(form.body).toMatchObject({
      key: 'fever-check',
      version: 1,
      parameters: { feverThreshold: 37.3 },
      dictionaryVersions: { 'test-symptoms': 1 },
      definition: { key: 'fever-check', version: 1 },
    });
    const listed = await request(server).get('/api/forms').expect(200);
    expect(listed.body.items.map((f: { key: string }) => f.key)).toEqual(['fever-check']);
    const symptoms = await request(server).get('/api/dictionaries/test-symptoms').expect(200);
    expect(symptoms.body.dictionary.items).toHaveLength(2);
    await request(server).get('/api/dictionaries/test-symptoms/versions/1').expect(200);
  });

  it('given a published form, when rendered for formily and json-schema, then each renderer gets its schema', async () => {
    const formily = await request(server).get('/api/forms/fever-check?render=formily').expect(200);
    const jsonSchema = await request(server)
      .get('/api/forms/fever-check/versions/1?render=json-schema&locale=en')
      .expect(200);

    expect(formily.body.rendered.format).toBe('formily');
    expect(Object.keys(formily.body.rendered.schema.properties)).toContain('temperature');
    expect(jsonSchema.body.rendered.format).toBe('json-schema');
    expect(jsonSchema.body.rendered.schema.properties.symptom.oneOf).toContainEqual({
      const: 'cough',
      title: 'Cough',
    });
    expect(jsonSchema.body.rendered.uiSchema['ui:order']).toContain('temperature');
    await request(server).get('/api/forms/fever-check?render=pdf').expect(400);
  });

  it('given revision 1 was replaced, when another editor saves revision 1, then 409 STALE_REVISION naming the current revision', async () => {
    const body = { definition: asJson(feverCheckForm()), revision: 1 };
    await editor.put('/api/admin/forms/fever-check/draft').send(body).expect(200);

    const stale = await provinceAdmin
      .put('/api/admin/forms/fever-check/draft')
      .send(body)
      .expect(409);

    expect(stale.body.error).toBe('STALE_REVISION');
    expect(stale.body.errors[0].message.en).toContain('current revision is 2');
    expect(stale.body.errors[0].message.zh).toContain('第 2 版');
  });

  it('given two editors holding revision 2, when both save at the same moment, then one gets 200 and the other 409', async () => {
    const body = { definition: asJson(feverCheckForm()), revision: 2 };

    const answers = await Promise.all([
      editor.put('/api/admin/forms/fever-check/draft').send(body),
      provinceAdmin.put('/api/admin/forms/fever-check/draft').send(body),
    ]);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const draft = await editor.get('/api/admin/forms/fever-check/draft').expect(200);
    expect(draft.body).toMatchObject({ key: 'fever-check', revision: 3 });
  });

  it('given a draft with a catastrophic pattern, when published, then 422 PUBLISH_REFUSED with the pointer and the form stays at version 1', async () => {
    const form = feverCheckForm();
    const hostile = feverCheckForm({
      items: [form.items[0]!, { ...form.items[1]!, pattern: '(a+)+$' } as never, form.items[2]!],
    });
    const saved = await editor
      .put('/api/admin/forms/fever-check/draft')
      .send({ definition: asJson(hostile), revision: 3 })
      .expect(200);
    expect(saved.body.problems).toEqual([
      expect.objectContaining({ path: '/definition/items/1/pattern', code: 'unsafe-pattern' }),
    ]);

    const refused = await editor
      .post('/api/admin/forms/fever-check/publish')
      .send({ revision: 4 })
      .expect(422);

    expect(refused.body.error).toBe('PUBLISH_REFUSED');
    expect(refused.body.errors[0]).toMatchObject({
      path: '/definition/items/1/pattern',
      code: 'unsafe-pattern',
      message: { zh: expect.any(String), en: expect.any(String) },
    });
    expect((await request(server).get('/api/forms/fever-check')).body.version).toBe(1);
  });

  it('given a province admin, when feverThreshold is set to 38.0, then 201 and version 2 is in force with it; a value out of range is 422 at its path', async () => {
    const changed = await provinceAdmin
      .put('/api/admin/forms/fever-check/parameters')
      .send({ values: { feverThreshold: 38.0 } })
      .expect(201);
    const outOfRange = await provinceAdmin
      .put('/api/admin/forms/fever-check/parameters')
      .send({ values: { feverThreshold: 50 } })
      .expect(422);

    expect(changed.body).toMatchObject({ key: 'fever-check', version: 2 });
    const current = await request(server).get('/api/forms/fever-check').expect(200);
    expect(current.body.parameters).toEqual({ feverThreshold: 38 });
    expect(outOfRange.body.errors).toEqual([
      expect.objectContaining({ path: '/values/feverThreshold', code: 'above-maximum' }),
    ]);
    const versions = await request(server).get('/api/forms/fever-check/versions').expect(200);
    expect(versions.body).toMatchObject({ key: 'fever-check', current: 2 });
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });

  it('given unknown keys and versions, when read, then 404 with zh/en; a version that is not an integer is 400', async () => {
    const unknownForm = await request(server).get('/api/forms/no-such-form').expect(404);
    const unknownVersion = await request(server)
      .get('/api/forms/fever-check/versions/99')
      .expect(404);
    const unknownDictionary = await request(server).get('/api/dictionaries/no-such').expect(404);

    expect(unknownForm.body.error).toBe('FORM_NOT_FOUND');
    expect(unknownForm.body.errors[0].message).toEqual({
      zh: expect.stringContaining('no-such-form'),
      en: expect.stringContaining('no-such-form'),
    });
    expect(unknownVersion.body.error).toBe('FORM_VERSION_NOT_FOUND');
    expect(unknownDictionary.body.error).toBe('DICTIONARY_NOT_FOUND');
    const notInteger = await request(server).get('/api/forms/fever-check/versions/1.5').expect(400);
    expect(notInteger.body.errors[0].path).toBe('/version');
    await request(server).get('/api/forms/fever-check/versions/abc').expect(400);
  });
});
