import { inJurisdiction, mayAct, taskAccess, type JurisdictionSubject } from './task-jurisdiction';
import { jurisdictionFilter, taskVisibilityFilter } from './task-jurisdiction-filter';
import type { TaskScope } from './workflow-task';

const DONGGUAN = ['440000', '441900'];
const DISTRICT_A = '441900003';
const DISTRICT_B = '441900004';

function task(overrides: Partial<TaskScope> = {}): TaskScope {
  return {
    candidateGroups: ['district_reviewer'],
    assignee: null,
    ccUserIds: [],
    institutionId: 'clinic-a',
    regionPath: [...DONGGUAN, DISTRICT_A],
    organisationCode: null,
    ...overrides,
  };
}

const reviewerA: JurisdictionSubject = {
  userId: 'rev-a',
  roles: ['district_reviewer'],
  regionCode: DISTRICT_A,
};
const reviewerB: JurisdictionSubject = {
  userId: 'rev-b',
  roles: ['district_reviewer'],
  regionCode: DISTRICT_B,
};
const cityRegulator: JurisdictionSubject = {
  userId: 'city',
  roles: ['city_regulator'],
  regionCode: '441900',
};
const clinicAdminA: JurisdictionSubject = {
  userId: 'adm-a',
  roles: ['clinic_admin'],
  institutionId: 'clinic-a',
  regionCode: DISTRICT_A,
};
const clinicAdminB: JurisdictionSubject = {
  userId: 'adm-b',
  roles: ['clinic_admin'],
  institutionId: 'clinic-b',
  regionCode: DISTRICT_A,
};
const feverClinic: JurisdictionSubject = {
  userId: 'fever-1',
  roles: ['fever_clinic'],
  organisationCode: 'FC001',
};
const nobody: JurisdictionSubject = { userId: 'x', roles: ['district_reviewer'] };

describe('task jurisdiction (pure rule)', () => {
  it('given a district review task, when its own district reviewer asks, then they may act on it', () => {
    expect(taskAccess(reviewerA, task())).toBe('actor');
    expect(mayAct(reviewerA, task())).toBe(true);
  });

  it('given a district review task, when a reviewer of another district asks, then it does not exist for them', () => {
    expect(taskAccess(reviewerB, task())).toBeNull();
  });

  it('given a task on the city path, when a city official without the candidate role asks, then it does not exist for them', () => {
    expect(inJurisdiction(cityRegulator, task())).toBe(true);
    expect(taskAccess(cityRegulator, task())).toBeNull();
  });

  it('given a clinic task, when the clinic admin of another clinic in the same district asks, then the institution decides and they see nothing', () => {
    const resubmit = task({ candidateGroups: ['clinic_admin'] });
    expect(taskAccess(clinicAdminA, resubmit)).toBe('actor');
    expect(taskAccess(clinicAdminB, resubmit)).toBeNull();
  });

  it('given a task addressed to an organisation, when its staff and another organisation’s ask, then only the addressee sees it', () => {
    const referral = task({ candidateGroups: ['fever_clinic'], organisationCode: 'FC001' });
    expect(taskAccess(feverClinic, referral)).toBe('actor');
    expect(taskAccess({ ...feverClinic, organisationCode: 'FC002' }, referral)).toBeNull();
  });

  it('given a principal with no institution, organisation or region, when asking, then nothing is visible', () => {
    expect(taskAccess(nobody, task())).toBeNull();
  });

  it('given a task copied to a user in scope, when they ask, then they may read it only', () => {
    const copied = task({ ccUserIds: ['adm-a'] });
    expect(taskAccess(clinicAdminA, copied)).toBe('cc');
    expect(mayAct(clinicAdminA, copied)).toBe(false);
  });

  it('given a task copied to a user out of scope, when they ask, then it does not exist for them', () => {
    expect(taskAccess(reviewerB, task({ ccUserIds: ['rev-b'] }))).toBeNull();
  });

  it('given a task claimed by one candidate, when another candidate asks, then they see it but may not act', () => {
    const claimed = task({ assignee: 'someone-else' });
    expect(taskAccess(reviewerA, claimed)).toBe('actor');
    expect(mayAct(reviewerA, claimed)).toBe(false);
  });

  it('given a task assigned to a user without the candidate role, when they ask, then they may act', () => {
    expect(mayAct(cityRegulator, task({ assignee: 'city' }))).toBe(true);
  });
});

describe('task jurisdiction (MongoDB filter)', () => {
  it('given each kind of subject, when building the scope filter, then the most specific attachment is used', () => {
    expect(jurisdictionFilter(clinicAdminA)).toEqual({ institutionId: 'clinic-a' });
    expect(jurisdictionFilter(feverClinic)).toEqual({ organisationCode: 'FC001' });
    expect(jurisdictionFilter(reviewerA)).toEqual({ regionPath: DISTRICT_A });
  });

  it('given a subject without attachment, when building any view, then the filter matches no document', () => {
    for (const view of ['candidate', 'mine', 'cc', 'all'] as const) {
      expect(taskVisibilityFilter(nobody, view)).toEqual({ _id: { $exists: false } });
    }
  });

  it('given the candidate view, when building it, then unclaimed candidate tasks and own claims are asked for', () => {
    expect(taskVisibilityFilter(reviewerA, 'candidate')).toEqual({
      $and: [
        { regionPath: DISTRICT_A },
        {
          $or: [
            { $and: [{ candidateGroups: { $in: ['district_reviewer'] } }, { assignee: null }] },
            { assignee: 'rev-a' },
          ],
        },
      ],
    });
  });

  it('given the cc view, when building it, then only copies in scope are asked for', () => {
    expect(taskVisibilityFilter(clinicAdminA, 'cc')).toEqual({
      $and: [{ institutionId: 'clinic-a' }, { 'cc.userId': 'adm-a' }],
    });
  });
});
