import { Injectable } from '@nestjs/common';

/**
 * The time that lockouts, token expiry, SMS windows, task deadlines and interop authorisations
 * are measured against. A port so tests move time forward instead of sleeping through a
 * 15-minute lock or a 31-day authorisation.
 */
export abstract class Clock {
  abstract now(): Date;
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
