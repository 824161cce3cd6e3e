import { Schema, type Types } from 'mongoose';

/**
 * One refresh token. Only its SM3 hash is stored: the token is 32 random bytes, so a plain hash
 * cannot be reversed, and a leaked collection grants nothing. Tokens from one login form a
 * family; rotation adds to it, and any reuse of a used token revokes the whole family.
 */
export interface RefreshTokenDocument {
  readonly _id: Types.ObjectId;
  readonly hash: string;
  readonly userId: string;
  readonly familyId: string;
  /** credentialsVersion at issue: a rotation racing a password change cannot outlive it. */
  readonly credentialsVersion: number;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly revokedAt: Date | null;
}

/** Expired tokens are deleted a day later; until then a replay is still recognised as reuse. */
const EXPIRED_RETENTION_SECONDS = 24 * 3600;

export const refreshTokenSchema = new Schema<RefreshTokenDocument>(
  {
    hash: { type: String, required: true, unique: true },
    userId: { type: String, required: true, index: true },
    familyId: { type: String, required: true, index: true },
    credentialsVersion: { type: Number, required: true },
    issuedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, expires: EXPIRED_RETENTION_SECONDS },
    usedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { collection: 'refresh_tokens', strict: 'throw', versionKey: false },
);
