import {
  Notifications,
  type NotificationInput,
} from '../../src/modules/workflows/notifications/notifications';
import { authed, createAccount, FAST_HASHING_ENV, loginAs } from '../support/auth-helpers';
import {
  FakeWorkflowRuntime,
  startE2eAppWithRuntime,
} from '../medium/workflows/deployments/fake-workflow-runtime';
import type { E2eApp } from './e2e-app';

const GUANGZHOU = '440100';
const TIANHE = '440106';
const HAIZHU = '440105';

interface Listed {
  id: string;
  businessKey: string;
  read: boolean;
}

describe('in-app notifications (e2e)', () => {
  let sut: E2eApp;
  const tokens: Record<string, string> = {};
  let patientUserId: string;

  const publish = (input: Omit<NotificationInput, 'kind' | 'title' | 'body'>) =>
    sut.app.get(Notifications).publish({
      kind: 'test',
      title: { zh: '通知', en: 'Notice' },
      body: { zh: '正文', en: 'Body' },
      ...input,
    });
  const inbox = async (who: string, query = '') =>
    (await authed(sut.app, tokens[who]!).get(`/api/notifications${query}`).expect(200)).body as {
      items: Listed[];
      total: number;
    };
  const keysOf = async (who: string) => (await inbox(who)).items.map((i) => i.businessKey).sort();

  beforeAll(async () => {
    sut = await startE2eAppWithRuntime(__filename, new FakeWorkflowRuntime(), {
      ...FAST_HASHING_ENV,
      SENTINEL_SEED_CONTENT: 'false',
    });
    const accounts = [
      { username: 'tianhe-reviewer', roles: ['district_reviewer'], regionCode: TIANHE },
      { username: 'haizhu-reviewer', roles: ['district_reviewer'], regionCode: HAIZHU },
      { username: 'gz-regulator', roles: ['city_regulator'], regionCode: GUANGZHOU },
      { username: 'clinic-a-doctor', roles: ['doctor'], institutionId: 'clinic-a' },
      { username: 'clinic-b-doctor', roles: ['doctor'], institutionId: 'clinic-b' },
      { username: 'fever-clinic-1', roles: ['fever_clinic'], organisationCode: 'FC-01' },
      { username: 'a-patient', roles: ['patient'] },
    ] as const;
    for (const account of accounts) {
      const created = await createAccount(sut.app, account);
      if (account.username === 'a-patient') patientUserId = created.id;
      tokens[account.username] = await loginAs(sut.app, account.username);
    }
    await publish({
      key: 'cdc-1',
      businessKey: 'cdc',
      audience: { roles: ['district_reviewer'], regionCode: TIANHE },
    });
    await publish({ key: 'city-1', businessKey: 'city', audience: { regionCode: GUANGZHOU } });
    await publish({
      key: 'clinic-1',
      businessKey: 'clinic',
      audience: { institutionId: 'clinic-a' },
    });
    await publish({
      key: 'fever-1',
      businessKey: 'fever',
      audience: { organisationCode: 'FC-01' },
    });
    await publish({ key: 'user-1', businessKey: 'user', audience: { userIds: [patientUserId] } });
  });

  afterAll(async () => {
    await sut.close();
  });

  it.each([
    ['tianhe-reviewer', ['cdc']],
    ['haizhu-reviewer', []],
    ['gz-regulator', ['city']],
    ['clinic-a-doctor', ['clinic']],
    ['clinic-b-doctor', []],
    ['fever-clinic-1', ['fever']],
    ['a-patient', ['user']],
  ])(
    'given notices to several audiences, when %s lists, then only their own come back',
    async (who, expected) => {
      expect(await keysOf(who)).toEqual(expected);
    },
  );

  it('given a notice, when its reader marks it read, then it is read for them and drops out of the unread list', async () => {
    const [notice] = (await inbox('tianhe-reviewer')).items;

    const marked = await authed(sut.app, tokens['tianhe-reviewer']!)
      .post(`/api/notifications/${notice!.id}/read`)
      .expect(200);

    expect(marked.body).toMatchObject({ id: notice!.id, read: true });
    expect((await inbox('tianhe-reviewer', '?unread=true')).total).toBe(0);
    expect((await inbox('tianhe-reviewer', '?unread=false')).total).toBe(1);
  });

  it('given another reader’s notice, when marked read, then 404 and it stays unread for its reader', async () => {
    const [notice] = (await inbox('clinic-a-doctor')).items;

    const response = await authed(sut.app, tokens['clinic-b-doctor']!)
      .post(`/api/notifications/${notice!.id}/read`)
      .expect(404);

    expect(response.body.error).toBe('NOTIFICATION_NOT_FOUND');
    expect((await inbox('clinic-a-doctor')).items[0]?.read).toBe(false);
  });

  it('given the same key published again, when listed, then it is stored once and the second publish says so', async () => {
    const again = await publish({
      key: 'city-1',
      businessKey: 'city',
      audience: { regionCode: GUANGZHOU },
    });

    expect(again).toBe(false);
    expect(await keysOf('gz-regulator')).toEqual(['city']);
  });

  it.each([
    ['a malformed id', '/api/notifications/not-an-id/read', 'post'],
    ['an unread flag that is not a boolean', '/api/notifications?unread=1', 'get'],
    ['a page that is not a number', '/api/notifications?page=first', 'get'],
  ] as const)('given %s, when called, then 400', async (_, url, method) => {
    await authed(sut.app, tokens['a-patient']!)[method](url).expect(400);
  });

  it('given no token, when listing, then 401', async () => {
    const response = await authed(sut.app, 'not-a-token').get('/api/notifications');

    expect(response.status).toBe(401);
  });
});
