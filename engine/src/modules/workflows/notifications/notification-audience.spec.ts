import type { Role } from '../../../common/auth/roles';
import { audienceMatches, resolveAudience, type NotificationReader } from './notification-audience';
import type { NotificationAudience } from './notifications';

const PROVINCE = '440000';
const CITY = '441900';
const DISTRICT = '441901';
const OTHER_DISTRICT = '441902';
const DISTRICT_PATH = [PROVINCE, CITY, DISTRICT];

const reader = (
  roles: Role[],
  scope: Partial<Pick<NotificationReader, 'institutionId' | 'organisationCode' | 'regionCode'>>,
  userId = 'u-1',
): NotificationReader => ({ userId, roles, ...scope });

const audience = (lines: NotificationAudience, path: string[] = []) => resolveAudience(lines, path);

describe('audienceMatches', () => {
  const toDistrictReviewers = audience(
    { roles: ['district_reviewer'], regionCode: DISTRICT },
    DISTRICT_PATH,
  );

  it.each([
    ['a reviewer of the district', reader(['district_reviewer'], { regionCode: DISTRICT }), true],
    [
      'a reviewer of another district',
      reader(['district_reviewer'], { regionCode: OTHER_DISTRICT }),
      false,
    ],
    [
      'a reviewer at the city above (ancestor)',
      reader(['district_reviewer'], { regionCode: CITY }),
      true,
    ],
    [
      'a city regulator of the city (role not named)',
      reader(['city_regulator'], { regionCode: CITY }),
      false,
    ],
    [
      'clinic staff of the district',
      reader(['district_reviewer'], { institutionId: 'c-1', regionCode: DISTRICT }),
      false,
    ],
  ])(
    'given a notice to a district’s reviewers, when %s reads, then match is %s',
    (_, who, expected) => {
      expect(audienceMatches(toDistrictReviewers, who)).toBe(expected);
    },
  );

  it('given a region audience without roles, when anyone regulating at or above it reads, then it matches; below it does not', () => {
    const toCity = audience({ regionCode: CITY }, [PROVINCE, CITY]);

    expect(audienceMatches(toCity, reader(['province_admin'], { regionCode: PROVINCE }))).toBe(
      true,
    );
    expect(audienceMatches(toCity, reader(['city_regulator'], { regionCode: CITY }))).toBe(true);
    expect(audienceMatches(toCity, reader(['district_reviewer'], { regionCode: DISTRICT }))).toBe(
      false,
    );
  });

  it('given an institution audience with roles, when its staff read, then only holders of a named role match', () => {
    const toPharmacists = audience({ roles: ['pharmacist'], institutionId: 'c-1' });

    expect(audienceMatches(toPharmacists, reader(['pharmacist'], { institutionId: 'c-1' }))).toBe(
      true,
    );
    expect(audienceMatches(toPharmacists, reader(['doctor'], { institutionId: 'c-1' }))).toBe(
      false,
    );
    expect(audienceMatches(toPharmacists, reader(['pharmacist'], { institutionId: 'c-2' }))).toBe(
      false,
    );
  });

  it('given an organisation audience, when fever clinic staff read, then only that organisation matches', () => {
    const toClinic = audience({ organisationCode: 'FC-01' });

    expect(audienceMatches(toClinic, reader(['fever_clinic'], { organisationCode: 'FC-01' }))).toBe(
      true,
    );
    expect(audienceMatches(toClinic, reader(['fever_clinic'], { organisationCode: 'FC-02' }))).toBe(
      false,
    );
  });

  it('given users by id, when they read, then they match whatever their scope; others do not', () => {
    const toUsers = audience({ userIds: ['u-7'], regionCode: DISTRICT }, DISTRICT_PATH);

    expect(audienceMatches(toUsers, reader(['patient'], {}, 'u-7'))).toBe(true);
    expect(audienceMatches(toUsers, reader(['patient'], {}, 'u-8'))).toBe(false);
  });

  it('given roles only, when a holder anywhere reads, then it matches; an audience of nothing reaches nobody', () => {
    expect(
      audienceMatches(audience({ roles: ['policy_editor'] }), reader(['policy_editor'], {})),
    ).toBe(true);
    expect(
      audienceMatches(audience({}), reader(['province_admin'], { regionCode: PROVINCE })),
    ).toBe(false);
  });
});
