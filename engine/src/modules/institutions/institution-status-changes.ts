import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../database';
import { AuditLog } from '../audit';
import { Clock } from '../../common/clock';
import type { InstitutionStatus } from './institution-directory';
import { InstitutionStore, type Institution } from './institution-store';

/** One status decision, by a regulator or by the system. */
export interface StatusDecision {
  readonly id: string;
  /** The status the decider saw; the change is made only while it still holds. */
  readonly from: InstitutionStatus;
  readonly to: InstitutionStatus;
  readonly reason: string | null;
  readonly actor: string;
  /** What made a system change, for the audit row (e.g. `workflow:…`); absent for a regulator. */
  readonly source?: string;
}

/**
 * The one writer of an institution's status, for the regulators' decisions and the system's
 * (workflow workers, a rejected clinic resubmitting): the status, its history entry (timed by
 * the Clock) and the audit row commit together in one unit of work, joining the caller's; the
 * audit row is chained once that unit has committed. Callers check the transition table.
 */
@Injectable()
export class InstitutionStatusChanges {
  constructor(
    private readonly store: InstitutionStore,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The changed institution, or null when its status is no longer `from` (nothing written). */
  change(decision: StatusDecision): Promise<Institution | null> {
    const { id, from, to, reason, actor, source } = decision;
    return this.unitOfWork.run(async () => {
      const changed = await this.store.changeStatus(id, from, {
        status: to,
        reason,
        actor,
        at: this.clock.now(),
      });
      if (changed === null) return null;
      await this.audit.appendInTransaction({
        action: 'update',
        actor,
        resource: 'institutions',
        resourceId: id,
        details: {
          from,
          to,
          withReason: reason !== null && reason !== '',
          ...(source === undefined ? {} : { source }),
        },
      });
      await this.unitOfWork.afterCommit(() => this.audit.flush());
      return changed;
    });
  }
}
