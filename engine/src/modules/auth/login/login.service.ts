import { Injectable } from '@nestjs/common';
import { BlindIndex, PasswordHasher } from '../../../crypto';
import { AuditLog } from '../../audit';
import type { AccountView } from '../accounts';
import { AccountViews } from '../accounts/account-views';
import { UserRepository } from '../accounts/user.repository';
import { USERS_COLLECTION, type UserDocument } from '../accounts/user.schema';
import { authErrors } from '../auth-errors';
import { normalisePhone, requirePhone } from '../phone-number';
import { SmsCodes } from '../sms/sms-codes.service';
import { TokenService, type TokenPair } from '../tokens/token.service';
import { LoginAttempts } from './login-attempts';

/** What a successful login, refresh or password change answers. */
export interface LoginResult extends TokenPair {
  readonly user: AccountView;
}

type LoginMethod = 'password' | 'sms-code';
type FailureReason = 'unknown-user' | 'wrong-password' | 'locked' | 'disabled';

/**
 * Sign-in, token refresh and sign-out. An unknown user and a wrong password give the same 401
 * after the same hashing time; lock (423) is checked before the password, so a locked account
 * stays locked even for the right one; disabled (403) only after it, so it is never revealed to
 * someone without the password. Audit rows never carry the password or the phone number.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly users: UserRepository,
    private readonly views: AccountViews,
    private readonly hasher: PasswordHasher,
    private readonly blindIndex: BlindIndex,
    private readonly attempts: LoginAttempts,
    private readonly tokens: TokenService,
    private readonly smsCodes: SmsCodes,
    private readonly audit: AuditLog,
  ) {}

  /** `identifier` is a username or, failing that, a phone number (found by its blind index). */
  async withPassword(identifier: string, password: string, ip?: string): Promise<LoginResult> {
    const user = await this.findByIdentifier(identifier);
    if (user === null) {
      await this.hasher.burn(password);
      await this.failed(null, 'password', 'unknown-user', ip);
      throw authErrors.invalidCredentials();
    }
    const lockedMinutes = this.attempts.lockedMinutes(user);
    if (lockedMinutes > 0) {
      await this.failed(user, 'password', 'locked', ip);
      throw authErrors.accountLocked(lockedMinutes);
    }
    if (!(await this.hasher.verify(password, user.passwordHash))) {
      await this.attempts.recordFailure(user);
      await this.failed(user, 'password', 'wrong-password', ip);
      throw authErrors.invalidCredentials();
    }
    if (!user.enabled) {
      await this.failed(user, 'password', 'disabled', ip);
      throw authErrors.accountDisabled();
    }
    const rehashed = this.hasher.needsRehash(user.passwordHash)
      ? await this.hasher.hash(password)
      : undefined;
    await this.attempts.recordSuccess(user, rehashed);
    return this.signIn(user, 'password', ip);
  }

  /**
   * Sign-in with a code texted for `login`. The code is checked before the account is looked
   * at, so a number without an account fails exactly like a wrong code.
   */
  async withSmsCode(rawPhone: string, code: string, ip?: string): Promise<LoginResult> {
    const phone = requirePhone(rawPhone, '/phone');
    await this.smsCodes.verify(phone, 'login', code, '/code');
    const user = await this.users.findByPhoneIndex(this.blindIndex.token('phone', phone));
    if (user === null) {
      await this.failed(null, 'sms-code', 'unknown-user', ip);
      throw authErrors.invalidCredentials();
    }
    const lockedMinutes = this.attempts.lockedMinutes(user);
    if (lockedMinutes > 0) {
      await this.failed(user, 'sms-code', 'locked', ip);
      throw authErrors.accountLocked(lockedMinutes);
    }
    if (!user.enabled) {
      await this.failed(user, 'sms-code', 'disabled', ip);
      throw authErrors.accountDisabled();
    }
    await this.attempts.recordSuccess(user);
    return this.signIn(user, 'sms-code', ip);
  }

  /** Rotates the refresh token within its family; the account must still be usable. */
  async refresh(refreshToken: string, ip?: string): Promise<LoginResult> {
    const spent = await this.tokens.spend(refreshToken, ip);
    const user = await this.users.findById(spent.userId);
    if (user === null || !user.enabled || user.credentialsVersion !== spent.credentialsVersion) {
      throw authErrors.invalidRefreshToken();
    }
    const pair = await this.tokens.rotate(subjectOf(user), spent.familyId);
    return { ...pair, user: await this.views.view(user) };
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are fine: nothing to end. */
  async logout(refreshToken: string, ip?: string): Promise<void> {
    const revoked = await this.tokens.revokeFamilyOf(refreshToken);
    if (revoked === null) return;
    await this.audit.append({
      action: 'logout',
      actor: revoked.userId,
      resource: USERS_COLLECTION,
      resourceId: revoked.userId,
      ip,
    });
  }

  /** A new session for an account whose credentials were just checked. */
  async signIn(user: UserDocument, method: LoginMethod | 'password-change', ip?: string) {
    const pair = await this.tokens.issue(subjectOf(user));
    const id = user._id.toHexString();
    await this.audit.append({
      action: 'login',
      actor: id,
      resource: USERS_COLLECTION,
      resourceId: id,
      outcome: 'success',
      details: { method },
      ip,
    });
    return { ...pair, user: await this.views.view(user) } satisfies LoginResult;
  }

  private async findByIdentifier(identifier: string): Promise<UserDocument | null> {
    const byUsername = await this.users.findByUsername(identifier.trim());
    if (byUsername !== null) return byUsername;
    const phone = normalisePhone(identifier);
    return phone === null
      ? null
      : this.users.findByPhoneIndex(this.blindIndex.token('phone', phone));
  }

  private async failed(
    user: UserDocument | null,
    method: LoginMethod,
    reason: FailureReason,
    ip?: string,
  ): Promise<void> {
    await this.audit.append({
      action: 'login-failed',
      // Whoever tried is not known to be the account holder.
      actor: 'anonymous',
      resource: USERS_COLLECTION,
      ...(user === null ? {} : { resourceId: user._id.toHexString() }),
      outcome: 'failure',
      details: { method, reason },
      ip,
    });
  }
}

function subjectOf(user: UserDocument) {
  return { userId: user._id.toHexString(), credentialsVersion: user.credentialsVersion };
}
