import {
  mayFollowInstance,
  type InstanceAudience,
  type ParticipantTask,
} from './instance-audience';
import type { JurisdictionSubject } from './task-jurisdiction';

const DISTRICT_A = '441900003';
const DISTRICT_B = '441900004';
const PATH_A = ['440000', '441900', DISTRICT_A];

function task(overrides: Partial<ParticipantTask> = {}): ParticipantTask {
  return {
    candidateGroups: ['pharmacist'],
    assignee: null,
    ccUserIds: [],
    institutionId: 'clinic-a',
    regionPath: PATH_A,
    organisationCode: null,
    completedBy: null,
    ...overrides,
  };
}

/** A prescription audit at clinic-a: only pharmacists get tasks. */
function audit(overrides: Partial<InstanceAudience> = {}): InstanceAudience {
  return {
    institutionId: 'clinic-a',
    regionPath: PATH_A,
    candidateGroups: ['pharmacist'],
    tasks: [task()],
    actorIds: [],
    ...overrides,
  };
}

const subject = (
  userId: string,
  roles: string[],
  attachment: Omit<JurisdictionSubject, 'userId' | 'roles'>,
): JurisdictionSubject => ({ userId, roles, ...attachment });

const policyEditor = subject('policy', ['policy_editor'], { regionCode: '440000' });
const insuranceReviewer = subject('insurer', ['insurance_reviewer'], { regionCode: '441900' });
const pharmacistA = subject('pharm-a', ['pharmacist'], {
  institutionId: 'clinic-a',
  regionCode: DISTRICT_A,
});
const pharmacistB = subject('pharm-b', ['pharmacist'], {
  institutionId: 'clinic-b',
  regionCode: DISTRICT_A,
});
const doctorA = subject('doc-a', ['doctor'], { institutionId: 'clinic-a', regionCode: DISTRICT_A });
const reviewerA = subject('rev-a', ['district_reviewer'], { regionCode: DISTRICT_A });
const reviewerB = subject('rev-b', ['district_reviewer'], { regionCode: DISTRICT_B });
const feverClinic = subject('fever', ['fever_clinic'], { organisationCode: 'FC001' });

describe('who may follow a process instance (pure rule)', () => {
  it('given a province-wide policy editor, when they ask for any instance, then they may not follow it on jurisdiction alone', () => {
    expect(mayFollowInstance(policyEditor, audit())).toBe(false);
    expect(mayFollowInstance(policyEditor, audit({ candidateGroups: ['district_reviewer'] }))).toBe(
      false,
    );
  });

  it('given an insurance reviewer covering the city, when the workflow gives insurers no task, then they may not follow it; when it does, they may', () => {
    expect(mayFollowInstance(insuranceReviewer, audit())).toBe(false);
    expect(
      mayFollowInstance(
        insuranceReviewer,
        audit({ candidateGroups: ['insurance_reviewer', 'clinic_admin'] }),
      ),
    ).toBe(true);
  });

  it('given staff of the instance’s institution, when their role has no task in it, then they may follow it; staff of another institution may not', () => {
    expect(mayFollowInstance(doctorA, audit())).toBe(true);
    expect(mayFollowInstance(pharmacistA, audit())).toBe(true);
    expect(mayFollowInstance(pharmacistB, audit())).toBe(false);
  });

  it('given a candidate role, when the instance lies outside the subject’s region, then they may not follow it', () => {
    const review = audit({ candidateGroups: ['district_reviewer'], tasks: [] });

    expect(mayFollowInstance(reviewerA, review)).toBe(true);
    expect(mayFollowInstance(reviewerB, review)).toBe(false);
  });

  it('given someone outside the rule, when they acted in, completed, hold or were copied on a task of the instance, then they may follow it', () => {
    expect(mayFollowInstance(policyEditor, audit({ actorIds: ['policy'] }))).toBe(true);
    expect(mayFollowInstance(reviewerB, audit({ tasks: [task({ completedBy: 'rev-b' })] }))).toBe(
      true,
    );
    expect(mayFollowInstance(reviewerB, audit({ tasks: [task({ assignee: 'rev-b' })] }))).toBe(
      true,
    );
    expect(
      mayFollowInstance(insuranceReviewer, audit({ tasks: [task({ ccUserIds: ['insurer'] })] })),
    ).toBe(true);
  });

  it('given a task addressed to a fever clinic, when that clinic’s staff ask, then they may follow the instance through their task', () => {
    const referral = audit({
      candidateGroups: ['fever_clinic'],
      tasks: [task({ candidateGroups: ['fever_clinic'], organisationCode: 'FC001' })],
    });

    expect(mayFollowInstance(feverClinic, referral)).toBe(true);
    expect(mayFollowInstance({ ...feverClinic, organisationCode: 'FC002' }, referral)).toBe(false);
  });

  it('given a subject with no attachment at all, when they ask, then they may not follow an instance they took no part in', () => {
    expect(mayFollowInstance(subject('lost', ['pharmacist'], {}), audit())).toBe(false);
  });
});
