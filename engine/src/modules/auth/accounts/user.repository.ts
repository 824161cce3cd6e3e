import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';
import { ambientSession } from '../../../database';
import type { Role } from '../../../common/auth';
import type { EncryptedField } from '../../../crypto';
import type { LoginThrottleState } from '../login-throttle';
import type { UserDocument } from './user.schema';

export const USER_MODEL = 'User';

/** The fields the auth guard needs on every request: small, no hash, no phone. */
export type PrincipalFields = Pick<
  UserDocument,
  | '_id'
  | 'username'
  | 'displayName'
  | 'roles'
  | 'institutionId'
  | 'regionCode'
  | 'organisationCode'
  | 'patientId'
  | 'enabled'
  | 'credentialsVersion'
>;

export type NewUserDocument = Pick<
  UserDocument,
  | '_id'
  | 'username'
  | 'phone'
  | 'phoneIndex'
  | 'passwordHash'
  | 'displayName'
  | 'roles'
  | 'institutionId'
  | 'regionCode'
  | 'organisationCode'
  | 'patientId'
  | 'enabled'
>;

/** Only 24-hex ids reach the database; anything else is simply "no such user". */
function objectId(id: string): Types.ObjectId | null {
  return /^[0-9a-f]{24}$/.test(id) ? new Types.ObjectId(id) : null;
}

/** The `users` collection; the only file that touches the User model. */
@Injectable()
export class UserRepository {
  constructor(@InjectModel(USER_MODEL) private readonly users: Model<UserDocument>) {}

  newId(): Types.ObjectId {
    return new Types.ObjectId();
  }

  /** Inside the caller's unit of work when there is one, as are the two look-ups below. */
  async insert(user: NewUserDocument): Promise<UserDocument> {
    const [created] = await this.users.create([user], { session: ambientSession() });
    if (created === undefined) throw new Error('insert returned no document');
    return created.toObject();
  }

  async findById(id: string): Promise<UserDocument | null> {
    const _id = objectId(id);
    return _id === null ? null : this.users.findById(_id).lean<UserDocument>().exec();
  }

  async findPrincipalFields(id: string): Promise<PrincipalFields | null> {
    const _id = objectId(id);
    if (_id === null) return null;
    return this.users
      .findById(_id, {
        username: 1,
        displayName: 1,
        roles: 1,
        institutionId: 1,
        regionCode: 1,
        organisationCode: 1,
        patientId: 1,
        enabled: 1,
        credentialsVersion: 1,
      })
      .lean<PrincipalFields>()
      .exec();
  }

  async findByUsername(username: string): Promise<UserDocument | null> {
    return this.users
      .findOne({ username })
      .session(ambientSession() ?? null)
      .lean<UserDocument>()
      .exec();
  }

  async findByPhoneIndex(phoneIndex: string): Promise<UserDocument | null> {
    return this.users
      .findOne({ phoneIndex })
      .session(ambientSession() ?? null)
      .lean<UserDocument>()
      .exec();
  }

  /**
   * Compare-and-set of the login throttle: applies `next` only if the stored state is still
   * `expected`, so two concurrent failures cannot both count from the same starting point.
   */
  async replaceThrottle(
    id: Types.ObjectId,
    expected: LoginThrottleState,
    next: LoginThrottleState,
  ): Promise<boolean> {
    const result = await this.users.updateOne(
      {
        _id: id,
        failedLogins: expected.failedLogins,
        failureWindowStartedAt: expected.failureWindowStartedAt,
        lockedUntil: expected.lockedUntil,
      },
      { $set: next },
    );
    return result.modifiedCount === 1;
  }

  /** After a successful login, and optionally replacing a hash that needs a higher cost. */
  async recordSuccessfulLogin(id: Types.ObjectId, rehashed?: string): Promise<void> {
    await this.users.updateOne(
      { _id: id },
      {
        $set: {
          failedLogins: 0,
          failureWindowStartedAt: null,
          lockedUntil: null,
          ...(rehashed === undefined ? {} : { passwordHash: rehashed }),
        },
      },
    );
  }

  /** New hash and credentialsVersion + 1; returns the new version, or null for no such user. */
  async replacePassword(id: Types.ObjectId, passwordHash: string): Promise<number | null> {
    const updated = await this.users
      .findOneAndUpdate(
        { _id: id },
        {
          $set: { passwordHash, failedLogins: 0, failureWindowStartedAt: null, lockedUntil: null },
          $inc: { credentialsVersion: 1 },
        },
        { returnDocument: 'after', projection: { credentialsVersion: 1 } },
      )
      .lean<Pick<UserDocument, 'credentialsVersion'>>()
      .exec();
    return updated?.credentialsVersion ?? null;
  }

  /** Returns false when there is no such user. */
  async setEnabled(id: Types.ObjectId, enabled: boolean): Promise<boolean> {
    return (await this.users.updateOne({ _id: id }, { $set: { enabled } })).matchedCount === 1;
  }

  async setRoles(id: Types.ObjectId, roles: readonly Role[]): Promise<boolean> {
    return (await this.users.updateOne({ _id: id }, { $set: { roles } })).matchedCount === 1;
  }

  /** Throws the store's duplicate-key error when another account holds the phone. */
  async setPhone(id: Types.ObjectId, phone: EncryptedField, phoneIndex: string): Promise<boolean> {
    const result = await this.users.updateOne({ _id: id }, { $set: { phone, phoneIndex } });
    return result.matchedCount === 1;
  }
}
