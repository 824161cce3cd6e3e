import { permissionsOf, type Principal, type Role } from '../../common/auth';
import { ApiError } from '../../common/errors';
import type { BlindIndex } from '../../crypto/field-protection';
import type { AuditEntryInput, AuditLog } from '../audit/audit-log';
import type { InstitutionDirectory } from '../institutions/institution-directory';
import {
  HealthRecordAuthorisations,
  type HealthRecordAuthorisation,
} from './health-record-authorisations';
import { HealthRecordInteropService } from './health-record-interop.service';
import type { Clock } from '../../common/clock';
import type { ProvinceHealthRecordClient } from './province-health-record.client';

const DAY = 24 * 60 * 60 * 1000;
const ID_NUMBER = '11010119900307599X';
const PATIENT = { patientName: '张三', cardType: '01', idcard: ID_NUMBER.toLowerCase() };

class MemoryAuthorisations extends HealthRecordAuthorisations {
  readonly rows: HealthRecordAuthorisation[] = [];
  async insert(a: Omit<HealthRecordAuthorisation, 'id'>): Promise<HealthRecordAuthorisation> {
    const row = { ...a, id: `a${this.rows.length + 1}` };
    this.rows.push(row);
    return row;
  }
  async latest(institutionId: string, patientToken: string, cardType: string) {
    return (
      this.rows
        .filter(
          (r) =>
            r.institutionId === institutionId &&
            r.patientToken === patientToken &&
            r.cardType === cardType,
        )
        .sort((a, b) => b.authorisedAt.getTime() - a.authorisedAt.getTime())[0] ?? null
    );
  }
}

function staff(institutionId: string | undefined, role: Role = 'doctor'): Principal {
  return {
    userId: `u-${role}`,
    username: 'doc',
    displayName: '李医生',
    roles: [role],
    permissions: permissionsOf([role]),
    ...(institutionId === undefined ? {} : { institutionId }),
  };
}

describe('HealthRecordInteropService', () => {
  let now: Date;
  let audit: AuditEntryInput[];
  let authorisations: MemoryAuthorisations;
  let province: { authorise: jest.Mock; retrievalUrl: jest.Mock };
  let sut: HealthRecordInteropService;

  beforeEach(() => {
    now = new Date('2024-07-01T00:00:00Z');
    audit = [];
    authorisations = new MemoryAuthorisations();
    province = {
      authorise: jest.fn().mockResolvedValue(undefined),
      retrievalUrl: jest.fn().mockReturnValue('https://province.example/view?param=abc'),
    };
    const clock: Clock = { now: () => now };
    const blindIndex = {
      token: (_kind: string, value: string) => `bi:${value.toUpperCase()}`,
    } as BlindIndex;
    const directory = {
      institution: async () => ({ regionPath: ['440000', '441900', '441900003'] }),
    } as unknown as InstitutionDirectory;
    const auditLog = { append: async (e: AuditEntryInput) => void audit.push(e) } as AuditLog;
    sut = new HealthRecordInteropService(
      province as unknown as ProvinceHealthRecordClient,
      authorisations,
      blindIndex,
      directory,
      clock,
      auditLog,
    );
  });

  it('given a clinic doctor, when authorising, then the province gets the normalised ID and only its blind index is stored', async () => {
    const summary = await sut.authorise(staff('clinic-a'), PATIENT, 30);

    expect(province.authorise).toHaveBeenCalledWith({
      patientName: '张三',
      idcard: ID_NUMBER,
      authDays: 30,
    });
    expect(authorisations.rows).toEqual([
      expect.objectContaining({
        patientToken: `bi:${ID_NUMBER}`,
        institutionId: 'clinic-a',
        regionPath: ['440000', '441900', '441900003'],
        authDays: 30,
      }),
    ]);
    expect(JSON.stringify(authorisations.rows)).not.toContain('张三');
    expect(summary.expiresAt).toBe('2024-07-31T00:00:00.000Z');
  });

  it('given an authorisation 30 days old, when retrieving, then the address; at 30 days and 1 ms, then 403 AUTHORISATION_EXPIRED', async () => {
    await sut.authorise(staff('clinic-a'), PATIENT, 30);

    now = new Date(now.getTime() + 30 * DAY);
    await expect(sut.retrievalAddress(staff('clinic-a'), PATIENT)).resolves.toMatchObject({
      url: 'https://province.example/view?param=abc',
    });
    now = new Date(now.getTime() + 1);
    await expect(sut.retrievalAddress(staff('clinic-a'), PATIENT)).rejects.toMatchObject({
      code: 'AUTHORISATION_EXPIRED',
    });
  });

  it('given a 7-day authorisation, when retrieving on day 8, then 403 AUTHORISATION_EXPIRED naming 7 days', async () => {
    await sut.authorise(staff('clinic-a'), PATIENT, 7);
    now = new Date(now.getTime() + 8 * DAY);

    const error = await sut.retrievalAddress(staff('clinic-a'), PATIENT).catch((e: unknown) => e);

    expect((error as ApiError).getStatus()).toBe(403);
    expect(JSON.stringify((error as ApiError).getResponse())).toContain('7 天');
  });

  it("given another clinic's authorisation only, when retrieving, then 403 AUTHORISATION_REQUIRED", async () => {
    await sut.authorise(staff('clinic-b'), PATIENT, 30);

    await expect(sut.retrievalAddress(staff('clinic-a'), PATIENT)).rejects.toMatchObject({
      code: 'AUTHORISATION_REQUIRED',
    });
  });

  it('given a malformed resident ID, when authorising, then 400 at /idcard and the province is not called', async () => {
    await expect(
      sut.authorise(staff('clinic-a'), { ...PATIENT, idcard: '12345' }, 30),
    ).rejects.toMatchObject({ code: 'INVALID_ID_NUMBER' });
    expect(province.authorise).not.toHaveBeenCalled();
  });

  it('given a user without an institution, when authorising, then 403 CLINIC_STAFF_ONLY', async () => {
    await expect(sut.authorise(staff(undefined), PATIENT, 30)).rejects.toMatchObject({
      code: 'CLINIC_STAFF_ONLY',
    });
  });

  it('given successes and failures, when audited, then one interop-call row each with the outcome and no personal value', async () => {
    await sut.authorise(staff('clinic-a'), PATIENT, 30);
    await sut.retrievalAddress(staff('clinic-b'), PATIENT).catch(() => undefined);

    expect(audit).toEqual([
      expect.objectContaining({ action: 'interop-call', outcome: 'success', resourceId: 'a1' }),
      expect.objectContaining({
        action: 'interop-call',
        outcome: 'failure',
        details: expect.objectContaining({
          operation: 'retrieval-url',
          code: 'AUTHORISATION_REQUIRED',
        }),
      }),
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/张三|11010119900307599/i);
  });
});
