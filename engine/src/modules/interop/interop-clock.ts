import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

/**
 * The time interop measures with: the gateway timestamp, when an authorisation was given and
 * whether it has expired. A port so tests can age an authorisation by 31 days without waiting.
 */
export abstract class InteropClock {
  abstract now(): Date;
}

@Injectable()
export class SystemInteropClock extends InteropClock {
  now(): Date {
    return new Date();
  }
}

/** The per-request `x-tif-nonce`; a port so tests can pin the signature. */
export abstract class NonceSource {
  abstract next(): string;
}

/** 16 random hex characters: unpredictable, and plain ASCII for the header and the signature. */
@Injectable()
export class RandomNonceSource extends NonceSource {
  next(): string {
    return randomBytes(8).toString('hex');
  }
}
