import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { RefreshTokenDocument } from './refresh-token.schema';

export const REFRESH_TOKEN_MODEL = 'RefreshToken';

export type NewRefreshToken = Omit<RefreshTokenDocument, '_id' | 'usedAt' | 'revokedAt'>;

/** The `refresh_tokens` collection; the only file that touches its model. */
@Injectable()
export class RefreshTokenRepository {
  constructor(
    @InjectModel(REFRESH_TOKEN_MODEL) private readonly tokens: Model<RefreshTokenDocument>,
  ) {}

  async insert(token: NewRefreshToken): Promise<void> {
    await this.tokens.create({ ...token, usedAt: null, revokedAt: null });
  }

  /**
   * Atomically marks a live token used and returns it; null if it is unknown, used, revoked
   * or expired (then `findByHash` tells which).
   */
  async markUsed(hash: string, now: Date): Promise<RefreshTokenDocument | null> {
    return this.tokens
      .findOneAndUpdate(
        { hash, usedAt: null, revokedAt: null, expiresAt: { $gt: now } },
        { $set: { usedAt: now } },
        { returnDocument: 'after' },
      )
      .lean<RefreshTokenDocument>()
      .exec();
  }

  async findByHash(hash: string): Promise<RefreshTokenDocument | null> {
    return this.tokens.findOne({ hash }).lean<RefreshTokenDocument>().exec();
  }

  /** Whether any token of the family was revoked (by a replay, a logout or a password change). */
  async familyRevoked(familyId: string): Promise<boolean> {
    return (await this.tokens.exists({ familyId, revokedAt: { $ne: null } })) !== null;
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.tokens.updateMany({ familyId, revokedAt: null }, { $set: { revokedAt: now } });
  }

  async revokeAllOfUser(userId: string, now: Date): Promise<void> {
    await this.tokens.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: now } });
  }
}
