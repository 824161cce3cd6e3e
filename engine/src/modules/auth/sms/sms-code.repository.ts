import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Types, type Model } from 'mongoose';
import type { SmsCodeDocument, SmsPurpose } from './sms-code.schema';

export const SMS_CODE_MODEL = 'SmsCode';

export type NewSmsCode = Omit<SmsCodeDocument, '_id' | 'usedAt' | 'attempts'>;

/** The `sms_codes` collection; the only file that touches its model. */
@Injectable()
export class SmsCodeRepository {
  constructor(@InjectModel(SMS_CODE_MODEL) private readonly codes: Model<SmsCodeDocument>) {}

  async insert(code: NewSmsCode): Promise<Types.ObjectId> {
    const _id = new Types.ObjectId();
    await this.codes.create({ _id, ...code, usedAt: null, attempts: 0 });
    return _id;
  }

  /** Codes for one phone issued after `since`, oldest first (ties broken by id): the rate-limit queue. */
  async issuedSince(
    phoneIndex: string,
    since: Date,
  ): Promise<Pick<SmsCodeDocument, '_id' | 'issuedAt'>[]> {
    return this.codes
      .find({ phoneIndex, issuedAt: { $gt: since } }, { issuedAt: 1 })
      .sort({ issuedAt: 1, _id: 1 })
      .lean<Pick<SmsCodeDocument, '_id' | 'issuedAt'>[]>()
      .exec();
  }

  async remove(id: Types.ObjectId): Promise<void> {
    await this.codes.deleteOne({ _id: id });
  }

  /** The newest code for the phone and purpose: only the latest one sent can be used. */
  async latest(phoneIndex: string, purpose: SmsPurpose): Promise<SmsCodeDocument | null> {
    return this.codes
      .findOne({ phoneIndex, purpose })
      .sort({ issuedAt: -1, _id: -1 })
      .lean<SmsCodeDocument>()
      .exec();
  }

  /**
   * Marks the code used if it is still unused, alive and matches; atomic, so two requests
   * racing with the same code cannot both succeed.
   */
  async consume(
    id: Types.ObjectId,
    codeHash: string,
    now: Date,
    maxAttempts: number,
  ): Promise<boolean> {
    const result = await this.codes.updateOne(
      {
        _id: id,
        codeHash,
        usedAt: null,
        attempts: { $lt: maxAttempts },
        expiresAt: { $gt: now },
      },
      { $set: { usedAt: now } },
    );
    return result.modifiedCount === 1;
  }

  async countWrongAttempt(id: Types.ObjectId): Promise<void> {
    await this.codes.updateOne({ _id: id, usedAt: null }, { $inc: { attempts: 1 } });
  }
}
