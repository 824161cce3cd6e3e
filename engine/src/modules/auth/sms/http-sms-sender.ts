import { Injectable, Logger } from '@nestjs/common';
import { ApiError } from '../../../common/errors';
import { AppConfig } from '../../../config';
import { SmsSender } from './sms-sender';

/** Gateways answer in well under a second; five seconds means it is down, not slow. */
export const SMS_GATEWAY_TIMEOUT_MS = 5000;

/**
 * Posts `{phone, text}` as JSON to `SENTINEL_SMS_URL`. Any non-2xx answer, timeout or network
 * failure becomes 502 so the caller knows the code did not leave.
 */
@Injectable()
export class HttpSmsSender extends SmsSender {
  private readonly logger = new Logger('Sms');

  constructor(private readonly config: AppConfig) {
    super();
  }

  async send(phone: string, text: string): Promise<void> {
    const url = this.config.sms.url;
    if (url === undefined) throw this.deliveryFailed('no gateway URL configured');
    let status: number;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone, text }),
        signal: AbortSignal.timeout(SMS_GATEWAY_TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (error) {
      throw this.deliveryFailed(error instanceof Error ? error.name : 'network error');
    }
    if (status < 200 || status >= 300) throw this.deliveryFailed(`gateway answered ${status}`);
  }

  private deliveryFailed(reason: string): ApiError {
    this.logger.warn(`SMS delivery failed: ${reason}`);
    return ApiError.single(502, 'SMS_DELIVERY_FAILED', '', {
      zh: '短信发送失败，请稍后重试',
      en: 'The text message could not be sent; please try again later',
    });
  }
}
