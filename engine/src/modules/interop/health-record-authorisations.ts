/**
 * A patient's authorisation for one institution to view their provincial health record, as
 * the engine remembers it. No clear personal value: the patient is known by the blind index
 * of their ID number only.
 */
export interface HealthRecordAuthorisation {
  readonly id: string;
  /** BlindIndex.token('idNumber', idcard). */
  readonly patientToken: string;
  /** Appendix 4 code of the document the token was computed from. */
  readonly cardType: string;
  readonly institutionId: string;
  readonly regionPath: readonly string[];
  /** User id of the staff member who requested it. */
  readonly authorisedBy: string;
  readonly authorisedAt: Date;
  readonly authDays: number;
}

/** Persistence of authorisations (port); mongo-health-record-authorisations.ts adapts it. */
export abstract class HealthRecordAuthorisations {
  abstract insert(
    authorisation: Omit<HealthRecordAuthorisation, 'id'>,
  ): Promise<HealthRecordAuthorisation>;
  /** The newest authorisation of this patient for this institution, or null. */
  abstract latest(
    institutionId: string,
    patientToken: string,
    cardType: string,
  ): Promise<HealthRecordAuthorisation | null>;
}
