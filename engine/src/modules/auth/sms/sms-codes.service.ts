import { randomInt } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Types } from 'mongoose';
import { ApiError, type LocalizedMessage } from '../../../common/errors';
import { AppConfig } from '../../../config';
import { BlindIndex, equalBytes, hmacSm3 } from '../../../crypto';
import { Clock } from '../../../common/clock';
import { SmsCodeRepository } from './sms-code.repository';
import type { SmsPurpose } from './sms-code.schema';
import { SMS_HOUR_MS, smsRetryAfterSeconds } from './sms-rate-limit';
import { SmsSender } from './sms-sender';

/** How `issue` sends the code: see there. */
export type SmsDelivery = 'wait' | 'background' | 'skip';

export const SMS_CODE_TTL_MS = 5 * 60_000;
/** Wrong guesses before a code dies: 5 of 1,000,000 per code, 25 an hour with the rate limit. */
export const SMS_CODE_MAX_ATTEMPTS = 5;

const PURPOSE_LABEL: Readonly<Record<SmsPurpose, string>> = {
  'bind-phone': '绑定手机号',
  'password-reset': '重置密码',
  login: '登录',
};

/**
 * Six-digit verification codes: 5-minute expiry, single use, 5 wrong guesses, one per minute
 * and five per hour per phone. Phones are identified by their blind index; codes are stored as
 * HMAC-SM3 under a key derived from the token secret, because a bare hash of six digits is
 * reversed by trying all million.
 */
@Injectable()
export class SmsCodes {
  private readonly hashKey: Buffer;
  private readonly logger = new Logger('Sms');

  constructor(
    private readonly codes: SmsCodeRepository,
    private readonly sender: SmsSender,
    private readonly blindIndex: BlindIndex,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.hashKey = hmacSm3(config.security.tokenSecret, 'sentinel/sms-code/v1');
  }

  /**
   * Issues a code for a normalised phone.
   * - `wait`: send now and report a failed delivery (502) to the caller.
   * - `background`: answer at once and send afterwards, so the answer takes as long whether or
   *   not a message goes out; a failed delivery is logged and frees the quota.
   * - `skip`: record the code (rate limits and later verification behave exactly as for a real
   *   one) but send nothing: password reset uses this for numbers without an account, so
   *   answers do not reveal who has one.
   * @throws ApiError 429 SMS_RATE_LIMITED; 502 SMS_DELIVERY_FAILED with `wait`
   */
  async issue(phone: string, purpose: SmsPurpose, delivery: SmsDelivery): Promise<void> {
    const now = this.clock.now();
    const phoneIndex = this.blindIndex.token('phone', phone);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    // Insert first, then rank against everything issued in the hour: of concurrent requests
    // only the earliest survives, with no lock and no read-then-write gap.
    const id = await this.codes.insert({
      phoneIndex,
      purpose,
      codeHash: this.hash(purpose, phoneIndex, code),
      issuedAt: now,
      expiresAt: new Date(now.getTime() + SMS_CODE_TTL_MS),
    });
    const queue = await this.codes.issuedSince(phoneIndex, new Date(now.getTime() - SMS_HOUR_MS));
    const rank = queue.findIndex((entry) => entry._id.equals(id));
    const ahead = queue.slice(0, rank < 0 ? queue.length : rank).map((entry) => entry.issuedAt);
    const retryAfter = smsRetryAfterSeconds(ahead, now);
    if (retryAfter !== null) {
      await this.codes.remove(id);
      throw rateLimited(retryAfter);
    }
    if (delivery === 'skip') return;
    const sending = this.deliver(id, phone, purpose, code);
    if (delivery === 'wait') {
      await sending;
      return;
    }
    sending.catch((error: unknown) => {
      this.logger.warn(`background SMS delivery failed: ${describe(error)}`);
    });
  }

  /**
   * Checks and consumes the latest code sent to the phone for this purpose. Refusals are 422 at
   * `path`: not requested, used, expired, too many wrong guesses, or wrong (which counts).
   */
  async verify(phone: string, purpose: SmsPurpose, code: string, path = '/code'): Promise<void> {
    const now = this.clock.now();
    const phoneIndex = this.blindIndex.token('phone', phone);
    const latest = await this.codes.latest(phoneIndex, purpose);
    if (latest === null) throw codeRefused(path, 'SMS_CODE_NOT_REQUESTED', NOT_REQUESTED);
    if (latest.usedAt !== null) throw codeRefused(path, 'SMS_CODE_USED', USED);
    if (latest.attempts >= SMS_CODE_MAX_ATTEMPTS) {
      throw codeRefused(path, 'SMS_CODE_EXHAUSTED', EXHAUSTED);
    }
    if (latest.expiresAt.getTime() <= now.getTime()) {
      throw codeRefused(path, 'SMS_CODE_EXPIRED', EXPIRED);
    }
    const codeHash = this.hash(purpose, phoneIndex, code);
    if (!equalBytes(Buffer.from(codeHash, 'hex'), Buffer.from(latest.codeHash, 'hex'))) {
      await this.codes.countWrongAttempt(latest._id);
      throw codeRefused(path, 'SMS_CODE_WRONG', WRONG);
    }
    if (!(await this.codes.consume(latest._id, codeHash, now, SMS_CODE_MAX_ATTEMPTS))) {
      // Another request consumed it between our read and our write.
      throw codeRefused(path, 'SMS_CODE_USED', USED);
    }
  }

  private async deliver(
    id: Types.ObjectId,
    phone: string,
    purpose: SmsPurpose,
    code: string,
  ): Promise<void> {
    try {
      await this.sender.send(
        phone,
        `【哨点监测】验证码 ${code}，用于${PURPOSE_LABEL[purpose]}，5 分钟内有效，请勿告诉他人。`,
      );
    } catch (error) {
      // Not sent, so it must not use up the phone's quota.
      await this.codes.remove(id);
      throw error;
    }
  }

  /** Bound to purpose and phone, so a code cannot be replayed for another purpose or number. */
  private hash(purpose: SmsPurpose, phoneIndex: string, code: string): string {
    return hmacSm3(this.hashKey, `${purpose}\n${phoneIndex}\n${code}`).toString('hex');
  }
}

const NOT_REQUESTED: LocalizedMessage = {
  zh: '请先获取短信验证码',
  en: 'Request a verification code first',
};
const USED: LocalizedMessage = {
  zh: '验证码已使用，请重新获取',
  en: 'This code has already been used; request a new one',
};
const EXHAUSTED: LocalizedMessage = {
  zh: '验证码错误次数过多，请重新获取',
  en: 'Too many wrong attempts; request a new code',
};
const EXPIRED: LocalizedMessage = {
  zh: '验证码已过期（5 分钟内有效），请重新获取',
  en: 'The code has expired (valid for 5 minutes); request a new one',
};
const WRONG: LocalizedMessage = { zh: '验证码不正确', en: 'Wrong verification code' };

function codeRefused(path: string, code: string, message: LocalizedMessage): ApiError {
  return ApiError.single(422, code, path, message);
}

function rateLimited(seconds: number): ApiError {
  return ApiError.single(429, 'SMS_RATE_LIMITED', '/phone', {
    zh: `验证码发送过于频繁（每分钟 1 条、每小时 5 条），请 ${seconds} 秒后再试`,
    en: `Too many codes requested (1 a minute, 5 an hour); try again in ${seconds} seconds`,
  });
}

function describe(error: unknown): string {
  return error instanceof ApiError ? error.code : error instanceof Error ? error.name : 'unknown';
}
