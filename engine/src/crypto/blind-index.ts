import type { PersonalKind } from '@sentinel/definitions';
import { BlindIndex } from './field-protection';
import { PreparedHmacSm3 } from './field-cipher';

/** Mainland numbers written with the country code: `+86 134…`, `86134…`, `0086134…`. */
const PHONE_COUNTRY_PREFIXES = ['0086', '86'];
const MAINLAND_MOBILE_DIGITS = 11;

/**
 * The canonical form two spellings of one value share. NFKC first, because Chinese input
 * methods produce full-width digits and letters (`１３４`, `Ｘ`) that mean the ASCII ones.
 */
export function normaliseForIndex(kind: PersonalKind, value: string): string {
  switch (kind) {
    case 'idNumber':
      return value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
    case 'phone': {
      const digits = value.normalize('NFKC').replace(/\D+/g, '');
      const prefix = PHONE_COUNTRY_PREFIXES.find(
        (p) => digits.startsWith(p) && digits.length === p.length + MAINLAND_MOBILE_DIGITS,
      );
      return prefix === undefined ? digits : digits.slice(prefix.length);
    }
    case 'name':
      return value.normalize('NFC').trim().replace(/\s+/g, ' ');
    default:
      return value.normalize('NFC').trim();
  }
}

/**
 * HMAC-SM3 with its own key over `kind ␀ normalised value`, hex. The kind is bound in so an ID
 * number and a phone that happen to share digits never share a token.
 */
export class HmacSm3BlindIndex extends BlindIndex {
  private readonly hmac: PreparedHmacSm3;

  constructor(key: Buffer) {
    super();
    if (key.length < 32) throw new RangeError('the blind index key must be at least 32 bytes');
    this.hmac = new PreparedHmacSm3(key);
  }

  override token(kind: PersonalKind, value: string): string {
    return this.hmac.digest(`${kind}\u0000${normaliseForIndex(kind, value)}`).toString('hex');
  }
}
