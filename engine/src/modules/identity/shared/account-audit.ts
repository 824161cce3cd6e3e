import type { AuditLog } from '../../audit/audit-log';
import type { AccountView } from '../../auth/accounts';

/**
 * Accounts created inside one of our transactions are not audited by the auth module (a rollback
 * would leave the log naming an account that never existed); we audit them after the commit.
 */
export function auditAccountCreated(
  audit: AuditLog,
  actor: string,
  account: Pick<AccountView, 'id' | 'roles'>,
  via: string,
): Promise<void> {
  return audit.append({
    action: 'create',
    actor,
    resource: 'users',
    resourceId: account.id,
    details: { roles: account.roles.join(','), via },
  });
}
