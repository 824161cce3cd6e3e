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

/** What a system status change did: `changed` false when the institution was already there. */
export interface SystemStatusChange {
  readonly from: InstitutionStatus;
  readonly to: InstitutionStatus;
  readonly changed: boolean;
}

/** Inside a caller's unit of work the change joins it, and its audit row chains after that commit. */
export interface SystemStatusOptions {
  /** What made the change, for the audit row, e.g. `workflow:clinic-qualification-review`. */
  readonly source?: string;
}

/** No institution has this id. */
export class InstitutionNotFoundError extends Error {
  constructor(readonly institutionId: string) {
    super(`institution ${institutionId} does not exist`);
    this.name = 'InstitutionNotFoundError';
  }
}

/** The transition table forbids the change (e.g. a suspended clinic cannot be rejected). */
export class InstitutionStatusRefusedError extends Error {
  constructor(
    readonly institutionId: string,
    readonly from: InstitutionStatus,
    readonly to: InstitutionStatus,
  ) {
    super(`institution ${institutionId} cannot go from ${from} to ${to}`);
    this.name = 'InstitutionStatusRefusedError';
  }
}

/**
 * Institutions and the region tree for other modules (submissions, files, workflows): reads, and
 * the one write other modules may make, a status decision taken by the system.
 */
export abstract class InstitutionDirectory {
  abstract institution(id: string): Promise<InstitutionSummary | null>;
  /** Codes from the root down to `regionCode` inclusive; empty if the code is unknown. */
  abstract regionPath(regionCode: string): Promise<readonly string[]>;
  /**
   * Sets the status as the system (a workflow worker carrying out a reviewer's decision, a
   * rejected clinic resubmitting), through the same transition table as a regulator's change,
   * recorded in the status history and audited in the same transaction. Idempotent: already at
   * `status` → nothing written, `changed: false`.
   * @throws InstitutionNotFoundError, InstitutionStatusRefusedError
   */
  abstract setStatusBySystem(
    id: string,
    status: InstitutionStatus,
    reason: string | null,
    actor: string,
    options?: SystemStatusOptions,
  ): Promise<SystemStatusChange>;
}
