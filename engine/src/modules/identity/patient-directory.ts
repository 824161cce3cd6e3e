/**
 * Patients as other modules may know them: by blind-index token only, never by a value in
 * clear. The submissions module uses it to release a report (a prescription) to its patient.
 */
export abstract class PatientDirectory {
  /**
   * Ids of the patient records whose own ID number, or a family member's, has one of these
   * blind-index tokens (`BlindIndex.token('idNumber', …)`): the ids a report's `patientIds`
   * takes so the record's owner reads it. Empty for no tokens.
   */
  abstract patientIdsByIdNumberTokens(tokens: readonly string[]): Promise<readonly string[]>;
}
