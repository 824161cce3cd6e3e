import type { ClientSession } from 'mongoose';
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
  session?: ClientSession,
): Promise<void> {
  const entry = {
    action: 'create',
    actor,
    resource: 'users',
    resourceId: account.id,
    details: { roles: account.roles.join(','), via },
  } as const;
  // Inside the creating transaction when there is one: the account and its audit row commit together.
  return session === undefined ? audit.append(entry) : audit.appendInTransaction(entry, session);
}
