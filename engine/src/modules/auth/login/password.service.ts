import { Injectable } from '@nestjs/common';
import { ApiError } from '../../../common/errors';
import { BlindIndex, PasswordHasher } from '../../../crypto';
import { AuditLog } from '../../audit';
import { UserRepository } from '../accounts/user.repository';
import { USERS_COLLECTION, type UserDocument } from '../accounts/user.schema';
import { authErrors } from '../auth-errors';
import { PrincipalCache } from '../guard/principal-cache';
import { passwordIssue } from '../password-rule';
import { requirePhone } from '../phone-number';
import { SmsCodes } from '../sms/sms-codes.service';
import { TokenService } from '../tokens/token.service';
import { LoginAttempts } from './login-attempts';
import { LoginService, type LoginResult } from './login.service';

/**
 * Password change (knowing the old one) and reset (with an SMS code). Both raise the account's
 * credentialsVersion and revoke every refresh token, so every existing session ends at its next
 * request, on every instance.
 */
@Injectable()
export class PasswordService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly blindIndex: BlindIndex,
    private readonly attempts: LoginAttempts,
    private readonly tokens: TokenService,
    private readonly smsCodes: SmsCodes,
    private readonly principals: PrincipalCache,
    private readonly login: LoginService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Changes the caller's password and answers with a fresh session for this client; every
   * other session is over. A wrong current password counts towards the lockout like a failed
   * login, so a stolen access token cannot be used to guess it.
   */
  async change(
    userId: string,
    oldPassword: string,
    newPassword: string,
    ip?: string,
  ): Promise<LoginResult> {
    requireRule(newPassword, '/newPassword');
    if (oldPassword === newPassword) throw authErrors.passwordUnchanged('/newPassword');
    const user = await this.users.findById(userId);
    if (user === null) throw authErrors.unauthenticated();
    const lockedMinutes = this.attempts.lockedMinutes(user);
    if (lockedMinutes > 0) throw authErrors.accountLocked(lockedMinutes);
    if (!(await this.hasher.verify(oldPassword, user.passwordHash))) {
      await this.attempts.recordFailure(user);
      await this.audited(user, 'change', 'failure', ip);
      throw authErrors.wrongCurrentPassword();
    }
    const changed = await this.replace(user, newPassword);
    await this.audited(user, 'change', 'success', ip);
    return this.login.signIn(changed, 'password-change', ip);
  }

  /** Sets a new password for the account holding the phone, proven by a `password-reset` code. */
  async reset(rawPhone: string, code: string, newPassword: string, ip?: string): Promise<void> {
    const phone = requirePhone(rawPhone, '/phone');
    requireRule(newPassword, '/newPassword');
    await this.smsCodes.verify(phone, 'password-reset', code, '/code');
    const user = await this.users.findByPhoneIndex(this.blindIndex.token('phone', phone));
    // Codes for numbers without an account are never sent, so this needs a guessed code.
    if (user === null) throw authErrors.noSuchAccount('/phone');
    await this.replace(user, newPassword);
    await this.audited(user, 'sms-reset', 'success', ip);
  }

  private async replace(user: UserDocument, newPassword: string): Promise<UserDocument> {
    const passwordHash = await this.hasher.hash(newPassword);
    const credentialsVersion = await this.users.replacePassword(user._id, passwordHash);
    if (credentialsVersion === null) throw authErrors.noSuchAccount();
    const userId = user._id.toHexString();
    await this.tokens.revokeAllOf(userId);
    this.principals.invalidate(userId);
    return { ...user, passwordHash, credentialsVersion };
  }

  private async audited(
    user: UserDocument,
    via: 'change' | 'sms-reset',
    outcome: 'success' | 'failure',
    ip?: string,
  ): Promise<void> {
    const id = user._id.toHexString();
    await this.audit.append({
      action: 'password-change',
      actor: via === 'change' ? id : 'anonymous',
      resource: USERS_COLLECTION,
      resourceId: id,
      outcome,
      details: { via, sessionsRevoked: outcome === 'success' },
      ip,
    });
  }
}

function requireRule(password: string, path: string): void {
  const issue = passwordIssue(password);
  if (issue !== null) {
    throw new ApiError(422, 'PASSWORD_RULE', [{ path, code: issue.code, message: issue.message }]);
  }
}
