import { Injectable, Logger } from '@nestjs/common';
import { maskPersonal } from '../../../crypto';
import { SmsSender } from './sms-sender';

/**
 * The development provider: the message goes to the log instead of a phone, so codes can be
 * read on a laptop. Configuration refuses it in production mode. The number is masked; the
 * text (with the code) is what a developer needs.
 */
@Injectable()
export class LogSmsSender extends SmsSender {
  private readonly logger = new Logger('Sms');

  send(phone: string, text: string): Promise<void> {
    this.logger.log(`SMS to ${String(maskPersonal('phone', phone))}: ${text}`);
    return Promise.resolve();
  }
}
