import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../common/auth';
import { BlindIndex } from '../../../crypto';
import { UserRepository } from '../accounts/user.repository';
import { authErrors } from '../auth-errors';
import { requirePhone } from '../phone-number';
import type { SmsPurpose } from '../sms/sms-code.schema';
import { SmsCodes } from '../sms/sms-codes.service';

/**
 * Who may have a code texted, per purpose. Reset and login codes are public and answer the same
 * whether or not the number has an account (sent only when it has one); binding a phone needs a
 * signed-in caller, so the public endpoint cannot be used to probe which numbers are taken.
 */
@Injectable()
export class SmsCodeRequests {
  constructor(
    private readonly users: UserRepository,
    private readonly blindIndex: BlindIndex,
    private readonly smsCodes: SmsCodes,
  ) {}

  async request(rawPhone: string, purpose: SmsPurpose, caller: Principal | undefined) {
    const phone = requirePhone(rawPhone, '/phone');
    const holder = await this.users.findByPhoneIndex(this.blindIndex.token('phone', phone));
    if (purpose === 'bind-phone') {
      if (caller === undefined) throw authErrors.unauthenticated();
      if (holder !== null && holder._id.toHexString() !== caller.userId) {
        throw authErrors.phoneTaken('/phone');
      }
      await this.smsCodes.issue(phone, purpose, 'wait');
      return;
    }
    // In the background, so the answer's timing does not tell whether a message went out.
    await this.smsCodes.issue(phone, purpose, holder === null ? 'skip' : 'background');
  }
}
