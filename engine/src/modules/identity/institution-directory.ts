/** Status of a clinic's registration and qualification review. */
export type InstitutionStatus = 'pending' | 'approved' | 'rejected' | 'suspended';

/** What other modules need to know about an institution. */
export interface InstitutionSummary {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly status: InstitutionStatus;
  /** The district-level region code the institution belongs to. */
  readonly regionCode: string;
  /** Region codes from the province down to `regionCode`. */
  readonly regionPath: readonly string[];
}

/** Read access to institutions and the region tree for other modules (submissions, files, workflows). */
export abstract class InstitutionDirectory {
  abstract institution(id: string): Promise<InstitutionSummary | null>;
  /** Codes from the root down to `regionCode` inclusive; empty if the code is unknown. */
  abstract regionPath(regionCode: string): Promise<readonly string[]>;
}
