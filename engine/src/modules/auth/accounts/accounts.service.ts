import { Injectable } from '@nestjs/common';
import { isRole, type Role } from '../../../common/auth';
import { ApiError } from '../../../common/errors';
import { BlindIndex, FieldCipher, PasswordHasher } from '../../../crypto';
import { AuditLog } from '../../audit';
import { Accounts, type AccountFieldPaths, type AccountView, type NewAccount } from '../accounts';
import { authErrors } from '../auth-errors';
import { PrincipalCache } from '../guard/principal-cache';
import { requirePhone } from '../phone-number';
import { SmsCodes } from '../sms/sms-codes.service';
import { TokenService } from '../tokens/token.service';
import type { Types } from 'mongoose';
import { AccountViews } from './account-views';
import { checkNewAccount } from './account-rules';
import { UserRepository } from './user.repository';
import { PHONE_FIELD, USERS_COLLECTION } from './user.schema';
import { duplicateKeyField } from '../../../database';

const DEFAULT_PATHS: Required<AccountFieldPaths> = {
  username: '/username',
  phone: '/phone',
  password: '/password',
  displayName: '/displayName',
  roles: '/roles',
};

/** `Accounts` over the `users` collection: the one place accounts are created and changed. */
@Injectable()
export class AccountsService extends Accounts {
  constructor(
    private readonly users: UserRepository,
    private readonly views: AccountViews,
    private readonly hasher: PasswordHasher,
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
    private readonly tokens: TokenService,
    private readonly smsCodes: SmsCodes,
    private readonly principals: PrincipalCache,
    private readonly audit: AuditLog,
  ) {
    super();
  }

  async create(
    input: NewAccount,
    options: { auditedByCaller?: boolean; paths?: AccountFieldPaths; actor?: string } = {},
  ): Promise<AccountView> {
    const paths = { ...DEFAULT_PATHS, ...options.paths };
    const { issues, account } = checkNewAccount(input, paths);
    if (issues.length > 0) throw new ApiError(422, 'ACCOUNT_INVALID', issues);

    const phoneIndex =
      account.phone === undefined ? undefined : this.blindIndex.token('phone', account.phone);
    // Checked first for a clear answer; the unique indexes still decide under concurrency.
    if ((await this.users.findByUsername(account.username)) !== null) {
      throw authErrors.usernameTaken(paths.username);
    }
    if (phoneIndex !== undefined && (await this.users.findByPhoneIndex(phoneIndex))) {
      throw authErrors.phoneTaken(paths.phone);
    }

    const _id = this.users.newId();
    try {
      const created = await this.users.insert({
        _id,
        username: account.username,
        ...(account.phone === undefined
          ? {}
          : { phone: this.encryptPhone(_id, account.phone), phoneIndex }),
        passwordHash: await this.hasher.hash(input.password),
        displayName: account.displayName,
        roles: [...account.roles],
        ...optional('institutionId', input.institutionId),
        ...optional('regionCode', input.regionCode),
        ...optional('organisationCode', input.organisationCode),
        ...optional('patientId', input.patientId),
        enabled: input.enabled ?? true,
      });
      if (options.auditedByCaller !== true) {
        await this.audit.append({
          action: 'create',
          actor: options.actor ?? 'system',
          resource: USERS_COLLECTION,
          resourceId: _id.toHexString(),
          details: { roles: account.roles.join(','), phoneBound: phoneIndex !== undefined },
        });
      }
      return await this.views.view(created);
    } catch (error) {
      const field = duplicateKeyField(error, ['username', 'phoneIndex']);
      if (field === 'username') throw authErrors.usernameTaken(paths.username);
      if (field === 'phoneIndex') throw authErrors.phoneTaken(paths.phone);
      throw error;
    }
  }

  async findById(userId: string): Promise<AccountView | null> {
    const user = await this.users.findById(userId);
    return user === null ? null : this.views.view(user);
  }

  async setEnabled(userId: string, enabled: boolean, actor: string): Promise<void> {
    const user = await this.existing(userId);
    await this.users.setEnabled(user._id, enabled);
    if (!enabled) await this.tokens.revokeAllOf(userId);
    this.principals.invalidate(userId);
    await this.audit.append({
      action: 'update',
      actor,
      resource: USERS_COLLECTION,
      resourceId: userId,
      details: { enabled, tokensRevoked: !enabled },
    });
  }

  async setRoles(userId: string, roles: readonly Role[], actor: string): Promise<void> {
    if (roles.length === 0 || !roles.every(isRole)) {
      throw ApiError.single(422, 'ROLES_INVALID', '/roles', {
        zh: '角色为空或不存在',
        en: 'Roles are empty or unknown',
      });
    }
    const user = await this.existing(userId);
    await this.users.setRoles(user._id, roles);
    this.principals.invalidate(userId);
    await this.audit.append({
      action: 'update',
      actor,
      resource: USERS_COLLECTION,
      resourceId: userId,
      details: { roles: roles.join(',') },
    });
  }

  async bindPhone(userId: string, rawPhone: string, code: string): Promise<void> {
    const phone = requirePhone(rawPhone, '/phone');
    const user = await this.existing(userId);
    const phoneIndex = this.blindIndex.token('phone', phone);
    const holder = await this.users.findByPhoneIndex(phoneIndex);
    if (holder !== null && !holder._id.equals(user._id)) throw authErrors.phoneTaken('/phone');
    await this.smsCodes.verify(phone, 'bind-phone', code, '/code');
    try {
      await this.users.setPhone(user._id, this.encryptPhone(user._id, phone), phoneIndex);
    } catch (error) {
      if (duplicateKeyField(error, ['phoneIndex']) !== null) throw authErrors.phoneTaken('/phone');
      throw error;
    }
    await this.audit.append({
      action: 'update',
      actor: userId,
      resource: USERS_COLLECTION,
      resourceId: userId,
      details: { field: PHONE_FIELD, verifiedBySms: true },
    });
  }

  private async existing(userId: string) {
    const user = await this.users.findById(userId);
    if (user === null) throw authErrors.noSuchAccount();
    return user;
  }

  private encryptPhone(id: Types.ObjectId, phone: string) {
    return this.cipher.encrypt(phone, {
      collection: USERS_COLLECTION,
      documentId: id.toHexString(),
      field: PHONE_FIELD,
    });
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
