import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';

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
