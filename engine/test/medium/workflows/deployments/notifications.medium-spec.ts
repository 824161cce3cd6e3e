import type { Role } from '../../../../src/common/auth/roles';
import { InstitutionDirectory } from '../../../../src/modules/institutions/institution-directory';
import { MongoNotificationInbox } from '../../../../src/modules/workflows/notifications/mongo-notification-inbox';
import { MongoNotifications } from '../../../../src/modules/workflows/notifications/mongo-notifications';
import {
  audienceMatches,
  resolveAudience,
  type NotificationReader,
} from '../../../../src/modules/workflows/notifications/notification-audience';
import {
  NOTIFICATION_MODEL,
  notificationSchema,
  type NotificationRecord,
} from '../../../../src/modules/workflows/notifications/notification.schema';
import type {
  NotificationAudience,
  NotificationInput,
} from '../../../../src/modules/workflows/notifications/notifications';
import { ManualClock } from '../../../support/auth-helpers';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';

const PROVINCE = '440000';
const CITY = '441900';
const DISTRICT = '441901';
const OTHER_DISTRICT = '441902';
const PATHS: Record<string, string[]> = {
  [PROVINCE]: [PROVINCE],
  [CITY]: [PROVINCE, CITY],
  [DISTRICT]: [PROVINCE, CITY, DISTRICT],
  [OTHER_DISTRICT]: [PROVINCE, CITY, OTHER_DISTRICT],
};

/** The region tree of one city with two districts: all MongoNotifications reads of the directory. */
const regionTree: Pick<InstitutionDirectory, 'regionPath'> = {
  regionPath: async (code) => PATHS[code] ?? [],
};

const text = (en: string) => ({ zh: en, en });
const notice = (key: string, audience: NotificationAudience): NotificationInput => ({
  key,
  kind: 'test',
  title: text(`title ${key}`),
  body: text(`body ${key}`),
  audience,
  link: `/processes/${key}`,
  businessKey: key,
});

const reader = (
  userId: string,
  roles: Role[],
  scope: Partial<Pick<NotificationReader, 'institutionId' | 'organisationCode' | 'regionCode'>>,
): NotificationReader => ({ userId, roles, ...scope });

const READERS = {
  districtReviewer: reader('dr', ['district_reviewer'], { regionCode: DISTRICT }),
  otherDistrictReviewer: reader('dr2', ['district_reviewer'], { regionCode: OTHER_DISTRICT }),
  cityRegulator: reader('cr', ['city_regulator'], { regionCode: CITY }),
  provinceAdmin: reader('pa', ['province_admin'], { regionCode: PROVINCE }),
  clinicAdmin: reader('ca', ['clinic_admin'], { institutionId: 'clinic-1', regionCode: DISTRICT }),
  otherClinicAdmin: reader('ca2', ['clinic_admin'], {
    institutionId: 'clinic-2',
    regionCode: DISTRICT,
  }),
  feverClinic: reader('fc', ['fever_clinic'], { organisationCode: 'FC-01' }),
  patient: reader('pt', ['patient'], {}),
};

const AUDIENCES: Record<string, NotificationAudience> = {
  toDistrictReviewers: { roles: ['district_reviewer'], regionCode: DISTRICT },
  toCity: { regionCode: CITY },
  toClinic: { institutionId: 'clinic-1' },
  toFeverClinic: { roles: ['fever_clinic'], organisationCode: 'FC-01' },
  toPatient: { userIds: ['pt'] },
  toProvinceAdmins: { roles: ['province_admin'] },
};

const EXPECTED: Record<keyof typeof READERS, string[]> = {
  districtReviewer: ['toDistrictReviewers'],
  otherDistrictReviewer: [],
  cityRegulator: ['toCity'],
  provinceAdmin: ['toCity', 'toProvinceAdmins'],
  clinicAdmin: ['toClinic'],
  otherClinicAdmin: [],
  feverClinic: ['toFeverClinic'],
  patient: ['toPatient'],
};

describe('notifications in the store', () => {
  let database: TestDatabase;
  let notifications: MongoNotifications;
  let sut: MongoNotificationInbox;
  const clock = new ManualClock();

  beforeAll(async () => {
    database = await createTestDatabase(__filename);
    const model = database.connection.model<NotificationRecord>(
      NOTIFICATION_MODEL,
      notificationSchema,
    );
    notifications = new MongoNotifications(model, regionTree as InstitutionDirectory, clock);
    await notifications.onModuleInit();
    sut = new MongoNotificationInbox(model);
  });

  afterAll(async () => {
    await database.drop();
  });

  beforeEach(async () => {
    await database.connection.collection('notifications').deleteMany({});
  });

  const page = { unreadOnly: false, limit: 20, offset: 0 };

  it('given the same key published twice, when stored, then one notification exists and the second publish answers false', async () => {
    expect(await notifications.publish(notice('job-1', AUDIENCES.toCity!))).toBe(true);
    expect(await notifications.publish(notice('job-1', AUDIENCES.toCity!))).toBe(false);

    expect(await database.connection.collection('notifications').countDocuments()).toBe(1);
  });

  it.each(Object.keys(READERS) as (keyof typeof READERS)[])(
    'given one notice per audience, when %s lists, then exactly their notices come back, as the in-memory rule says',
    async (name) => {
      for (const [key, audience] of Object.entries(AUDIENCES)) {
        await notifications.publish(notice(key, audience));
      }
      const who = READERS[name];

      const { items, total } = await sut.list(who, page);

      const keys = items.map((item) => item.businessKey).sort();
      expect(keys).toEqual(EXPECTED[name]);
      expect(total).toBe(EXPECTED[name].length);
      const inMemory = Object.entries(AUDIENCES)
        .filter(([, audience]) =>
          audienceMatches(resolveAudience(audience, PATHS[audience.regionCode ?? ''] ?? []), who),
        )
        .map(([key]) => key)
        .sort();
      expect(inMemory).toEqual(keys);
    },
  );

  it('given several notices, when listed by pages, then they come newest first with the total', async () => {
    for (const key of ['n1', 'n2', 'n3']) {
      await notifications.publish(notice(key, AUDIENCES.toCity!));
      clock.advance(1000);
    }

    const first = await sut.list(READERS.cityRegulator, { ...page, limit: 2 });
    const second = await sut.list(READERS.cityRegulator, { ...page, limit: 2, offset: 2 });

    expect(first.items.map((i) => i.businessKey)).toEqual(['n3', 'n2']);
    expect(second.items.map((i) => i.businessKey)).toEqual(['n1']);
    expect(first.total).toBe(3);
  });

  it('given a shared notice, when one reader marks it read, then it is read for them only and the unread filter follows', async () => {
    await notifications.publish(notice('shared', AUDIENCES.toCity!));
    const [item] = (await sut.list(READERS.cityRegulator, page)).items;

    const marked = await sut.markRead(READERS.cityRegulator, item!.id);

    expect(marked).toMatchObject({ id: item!.id, read: true });
    expect((await sut.list(READERS.cityRegulator, { ...page, unreadOnly: true })).total).toBe(0);
    const forAdmin = await sut.list(READERS.provinceAdmin, { ...page, unreadOnly: true });
    expect(forAdmin.items).toEqual([expect.objectContaining({ id: item!.id, read: false })]);
  });

  it('given a notice for someone else or a malformed id, when marked read, then nothing happens (null)', async () => {
    await notifications.publish(notice('clinic-only', AUDIENCES.toClinic!));
    const [item] = (await sut.list(READERS.clinicAdmin, page)).items;

    expect(await sut.markRead(READERS.otherClinicAdmin, item!.id)).toBeNull();
    expect(await sut.markRead(READERS.clinicAdmin, 'not-an-id')).toBeNull();
    expect((await sut.list(READERS.clinicAdmin, page)).items[0]?.read).toBe(false);
  });

  it('given an audience region the tree does not know, when published, then readers at exactly that code still match', async () => {
    await notifications.publish(notice('unknown-region', { regionCode: '999999' }));

    const atNode = reader('x', ['district_reviewer'], { regionCode: '999999' });
    expect((await sut.list(atNode, page)).total).toBe(1);
    expect((await sut.list(READERS.provinceAdmin, page)).total).toBe(0);
  });
});
