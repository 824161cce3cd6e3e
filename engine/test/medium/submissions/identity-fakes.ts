import { canChangeStatus } from '../../../src/modules/institutions/clinic-status';
import {
  InstitutionDirectory,
  InstitutionNotFoundError,
  InstitutionStatusRefusedError,
  type InstitutionStatus,
  type InstitutionSummary,
  type SystemStatusChange,
  type SystemStatusOptions,
} from '../../../src/modules/institutions/institution-directory';
import { PatientDirectory } from '../../../src/modules/identity/patient-directory';

/**
 * Fakes of the identity module's ports for submissions and workflow tests: institutions with the
 * real status transition table, and patients found by ID-number token.
 */

/** Institutions by id, each in Dongguan unless told otherwise. */
export class FakeInstitutions extends InstitutionDirectory {
  private readonly byId = new Map<string, InstitutionSummary>();

  add(id: string, status: InstitutionStatus = 'approved', district = '441900003'): this {
    this.byId.set(id, {
      id,
      name: `诊所 ${id}`,
      type: 'clinic',
      status,
      regionCode: district,
      regionPath: ['440000', district.slice(0, 4) + '00', district],
    });
    return this;
  }

  institution(id: string): Promise<InstitutionSummary | null> {
    return Promise.resolve(this.byId.get(id) ?? null);
  }

  regionPath(code: string): Promise<readonly string[]> {
    return Promise.resolve(
      [...this.byId.values()].find((i) => i.regionCode === code)?.regionPath ?? [],
    );
  }

  /** System status changes made, in order (what the real directory would audit). */
  readonly systemChanges: {
    id: string;
    status: InstitutionStatus;
    actor: string;
    options: SystemStatusOptions;
  }[] = [];
  /** Set to make the next system change fail, as a store outage would. */
  failNextSystemChange = false;

  setStatusBySystem(
    id: string,
    status: InstitutionStatus,
    _reason: string | null,
    actor: string,
    options: SystemStatusOptions = {},
  ): Promise<SystemStatusChange> {
    const current = this.byId.get(id);
    if (current === undefined) return Promise.reject(new InstitutionNotFoundError(id));
    if (this.failNextSystemChange) {
      this.failNextSystemChange = false;
      return Promise.reject(new Error('store unavailable'));
    }
    if (current.status === status)
      return Promise.resolve({ from: status, to: status, changed: false });
    if (!canChangeStatus(current.status, status)) {
      return Promise.reject(new InstitutionStatusRefusedError(id, current.status, status));
    }
    this.byId.set(id, { ...current, status });
    this.systemChanges.push({ id, status, actor, options });
    return Promise.resolve({ from: current.status, to: status, changed: true });
  }
}

/** Patients by id with the ID-number tokens they are found by (own or a family member's). */
export class FakePatients extends PatientDirectory {
  private readonly tokensById = new Map<string, readonly string[]>();

  add(patientId: string, ...idNumberTokens: string[]): this {
    this.tokensById.set(patientId, idNumberTokens);
    return this;
  }

  patientIdsByIdNumberTokens(tokens: readonly string[]): Promise<readonly string[]> {
    return Promise.resolve(
      [...this.tokensById.entries()]
        .filter(([, own]) => own.some((token) => tokens.includes(token)))
        .map(([id]) => id)
        .sort(),
    );
  }
}
