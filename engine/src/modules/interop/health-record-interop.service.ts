import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth';
import { ApiError } from '../../common/errors';
import { BlindIndex } from '../../crypto';
import { AuditLog, type AuditEntryInput } from '../audit';
import { InstitutionDirectory } from '../institutions';
import { HealthRecordAuthorisations } from './health-record-authorisations';
import { Clock } from '../../common/clock';
import { interopErrors } from './interop-errors';
import { ProvinceHealthRecordClient } from './province-health-record.client';
import { isSafeParamValue } from './retrieval-param';

/** The longest authorisation the province grants (seed 002: 30 days). */
export const MAX_AUTH_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Appendix 4 code of the resident ID card, whose number has a fixed shape. */
const RESIDENT_ID = '01';

export interface PatientIdentity {
  readonly patientName: string;
  readonly cardType: string;
  readonly idcard: string;
}

export interface AuthorisationSummary {
  readonly authorisationId: string;
  readonly authorisedAt: string;
  readonly expiresAt: string;
  readonly authDays: number;
}

export interface RetrievalAddress {
  readonly url: string;
  readonly authorisationExpiresAt: string;
}

type Operation = 'authorise' | 'retrieval-url';

/** Upper-case, no spaces: the form the province and the blind index both expect. */
function normaliseIdNumber(cardType: string, idcard: string): string {
  const normalised = idcard.replace(/\s+/g, '').toUpperCase();
  if (cardType === RESIDENT_ID && !/^\d{17}[\dX]$/.test(normalised)) {
    throw interopErrors.invalidIdNumber('/idcard');
  }
  return normalised;
}

/**
 * Patient authorisation and record retrieval against the province, for clinic staff. What the
 * engine keeps is the fact of an authorisation (blind index, institution, who, when, how long);
 * every call, refused or not, leaves an `interop-call` audit row without personal values.
 */
@Injectable()
export class HealthRecordInteropService {
  constructor(
    private readonly province: ProvinceHealthRecordClient,
    private readonly authorisations: HealthRecordAuthorisations,
    private readonly blindIndex: BlindIndex,
    private readonly directory: InstitutionDirectory,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  authorise(
    principal: Principal,
    patient: PatientIdentity,
    authDays: number,
  ): Promise<AuthorisationSummary> {
    return this.audited(
      principal,
      'authorise',
      { cardType: patient.cardType, authDays },
      async () => {
        const institutionId = clinicOf(principal);
        const idcard = normaliseIdNumber(patient.cardType, patient.idcard);
        await this.province.authorise({ patientName: patient.patientName, idcard, authDays });
        const institution = await this.directory.institution(institutionId);
        const stored = await this.authorisations.insert({
          patientToken: this.blindIndex.token('idNumber', idcard),
          cardType: patient.cardType,
          institutionId,
          regionPath: institution?.regionPath ?? [],
          authorisedBy: principal.userId,
          authorisedAt: this.clock.now(),
          authDays,
        });
        return {
          resourceId: stored.id,
          value: {
            authorisationId: stored.id,
            authorisedAt: stored.authorisedAt.toISOString(),
            expiresAt: expiryOf(stored.authorisedAt, stored.authDays).toISOString(),
            authDays: stored.authDays,
          },
        };
      },
    );
  }

  retrievalAddress(
    principal: Principal,
    patient: PatientIdentity & { readonly patientId?: string },
  ): Promise<RetrievalAddress> {
    return this.audited(principal, 'retrieval-url', { cardType: patient.cardType }, async () => {
      const institutionId = clinicOf(principal);
      const idcard = normaliseIdNumber(patient.cardType, patient.idcard);
      const call = {
        staffNo: principal.username,
        staffName: principal.displayName,
        cardType: patient.cardType,
        idcard,
        patientName: patient.patientName,
        patientId: patient.patientId ?? '',
      };
      // Built first so an unconfigured engine says so (503) before any authorisation look-up.
      const url = this.province.retrievalUrl(requireSafe(call));
      const authorisation = await this.authorisations.latest(
        institutionId,
        this.blindIndex.token('idNumber', idcard),
        patient.cardType,
      );
      if (authorisation === null) throw interopErrors.authorisationRequired();
      const expiresAt = expiryOf(authorisation.authorisedAt, authorisation.authDays);
      if (this.clock.now().getTime() > expiresAt.getTime()) {
        throw interopErrors.authorisationExpired(Math.min(authorisation.authDays, MAX_AUTH_DAYS));
      }
      return {
        resourceId: authorisation.id,
        value: { url, authorisationExpiresAt: expiresAt.toISOString() },
      };
    });
  }

  /** Runs one province operation and appends its audit row, success or failure. */
  private async audited<T>(
    principal: Principal,
    operation: Operation,
    details: Readonly<Record<string, string | number>>,
    work: () => Promise<{ readonly value: T; readonly resourceId: string }>,
  ): Promise<T> {
    const entry: AuditEntryInput = {
      action: 'interop-call',
      actor: principal.userId,
      resource: 'province-health-record',
    };
    try {
      const { value, resourceId } = await work();
      await this.audit.append({
        ...entry,
        resourceId,
        outcome: 'success',
        details: { ...details, operation },
      });
      return value;
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'INTERNAL_ERROR';
      await this.audit.append({
        ...entry,
        outcome: 'failure',
        details: { ...details, operation, code },
      });
      throw error;
    }
  }
}

function clinicOf(principal: Principal): string {
  if (principal.institutionId === undefined) throw interopErrors.clinicOnly();
  return principal.institutionId;
}

/** An authorisation lasts its own days, never beyond the province's 30. */
function expiryOf(authorisedAt: Date, authDays: number): Date {
  return new Date(authorisedAt.getTime() + Math.min(authDays, MAX_AUTH_DAYS) * DAY_MS);
}

/** The retrieval template cannot escape values; refuse (400) rather than send a shifted query. */
function requireSafe<T extends Record<string, string>>(call: T): T {
  const unsafe = Object.entries(call).find(([, value]) => !isSafeParamValue(value));
  if (unsafe !== undefined) {
    const [name] = unsafe;
    throw ApiError.single(
      400,
      'UNSAFE_PARAMETER',
      name === 'staffNo' || name === 'staffName' ? '' : `/${name}`,
      {
        zh: `${name} 不能包含 &、= 或控制字符`,
        en: `${name} may not contain '&', '=' or control characters`,
      },
    );
  }
  return call;
}
