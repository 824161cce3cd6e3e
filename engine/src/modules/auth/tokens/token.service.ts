import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../config';
import { sm3Hex } from '../../../crypto';
import { AuditLog } from '../../audit';
import { authErrors } from '../auth-errors';
import { Clock } from '../../../common/clock';
import {
  newTokenId,
  signAccessToken,
  verifyAccessToken,
  type AccessClaims,
} from './access-token.codec';
import { RefreshTokenRepository } from './refresh-token.repository';
import type { RefreshTokenDocument } from './refresh-token.schema';

/** What a client keeps after signing in. */
export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Seconds until the access token expires. */
  readonly expiresIn: number;
}

/** The account facts a token is issued for. */
export interface TokenSubject {
  readonly userId: string;
  readonly credentialsVersion: number;
}

/**
 * Issues access tokens (stateless, HMAC-SM3) and refresh tokens (stateful, rotated, revocable).
 * Access tokens are not stored; what makes them revocable is the credentialsVersion they carry
 * and the guard's check of the account on every request.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly audit: AuditLog,
  ) {}

  /** A new pair; without `familyId` a new family starts (a new login). */
  async issue(subject: TokenSubject, familyId = newTokenId()): Promise<TokenPair> {
    const now = this.clock.now();
    const iat = Math.floor(now.getTime() / 1000);
    const ttl = this.config.security.accessTokenTtlSeconds;
    const accessToken = signAccessToken(
      {
        sub: subject.userId,
        ver: subject.credentialsVersion,
        iat,
        exp: iat + ttl,
        jti: newTokenId(),
      },
      this.config.security.tokenSecret,
    );
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert({
      hash: sm3Hex(refreshToken),
      userId: subject.userId,
      familyId,
      credentialsVersion: subject.credentialsVersion,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + this.config.security.refreshTokenTtlSeconds * 1000),
    });
    return { accessToken, refreshToken, expiresIn: ttl };
  }

  /**
   * The next pair of a family whose token was just spent. A replay racing this rotation may have
   * revoked the family between the spend and the insert, missing the new token: checking after
   * the insert closes that window, so the family stays revoked and the caller signs in again.
   * @throws 401 INVALID_REFRESH_TOKEN
   */
  async rotate(subject: TokenSubject, familyId: string): Promise<TokenPair> {
    const pair = await this.issue(subject, familyId);
    if (await this.refreshTokens.familyRevoked(familyId)) {
      await this.refreshTokens.revokeFamily(familyId, this.clock.now());
      throw authErrors.invalidRefreshToken();
    }
    return pair;
  }

  verifyAccess(token: string): AccessClaims | null {
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    const result = verifyAccessToken(token, this.config.security.tokenSecret, nowSeconds);
    return result.ok ? result.claims : null;
  }

  /**
   * Spends a refresh token: returns its record, now marked used, for the caller to issue the
   * next pair in the same family. A token that was already used is a replay — either the
   * client or a thief holds a copy — so the whole family is revoked and both must sign in again.
   * @throws 401 INVALID_REFRESH_TOKEN
   */
  async spend(refreshToken: string, ip?: string): Promise<RefreshTokenDocument> {
    const now = this.clock.now();
    const hash = sm3Hex(refreshToken);
    const spent = await this.refreshTokens.markUsed(hash, now);
    if (spent !== null) return spent;
    const known = await this.refreshTokens.findByHash(hash);
    if (known?.usedAt != null && known.revokedAt === null) {
      await this.refreshTokens.revokeFamily(known.familyId, now);
      await this.audit.append({
        action: 'tamper-detected',
        actor: known.userId,
        resource: 'refresh_tokens',
        resourceId: known.familyId,
        outcome: 'failure',
        details: { reason: 'refresh-token-reuse', familyRevoked: true },
        ip,
      });
    }
    throw authErrors.invalidRefreshToken();
  }

  /** Logout: the family of this token ends; unknown tokens are ignored (logging out is idempotent). */
  async revokeFamilyOf(refreshToken: string): Promise<RefreshTokenDocument | null> {
    const known = await this.refreshTokens.findByHash(sm3Hex(refreshToken));
    if (known !== null) await this.refreshTokens.revokeFamily(known.familyId, this.clock.now());
    return known;
  }

  async revokeAllOf(userId: string): Promise<void> {
    await this.refreshTokens.revokeAllOfUser(userId, this.clock.now());
  }
}
