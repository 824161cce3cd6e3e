import type { AuditLog } from '../../audit';
import type { AccountView } from '../../auth';

/**
 * Accounts created inside one of our units of work are not audited by the auth module (a
 * rollback would leave the log naming an account that never existed); we audit them ourselves,
 * inside that unit (`in-unit-of-work`, chained after the commit) or once it has committed.
 */
export function auditAccountCreated(
  audit: AuditLog,
  actor: string,
  account: Pick<AccountView, 'id' | 'roles'>,
  via: string,
  placement: 'in-unit-of-work' | 'after-commit' = 'after-commit',
): Promise<void> {
  const entry = {
    action: 'create',
    actor,
    resource: 'users',
    resourceId: account.id,
    details: { roles: account.roles.join(','), via },
  } as const;
  // Inside the creating unit when there is one: the account and its audit row commit together.
  return placement === 'after-commit' ? audit.append(entry) : audit.appendInTransaction(entry);
}
