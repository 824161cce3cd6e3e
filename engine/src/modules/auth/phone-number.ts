import { ApiError } from '../../common/errors';

/** Mainland mobile numbers: 11 digits starting 13–19. */
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * The canonical form phones are encrypted, indexed and texted in: separators and a `+86` / `0086`
 * prefix removed, so `+86 134-1234-5678` and `13412345678` are one account.
 */
export function normalisePhone(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return MAINLAND_MOBILE.test(compact) ? compact : null;
}

/** Same, refusing with 422 at the caller's path when the value is not a mainland mobile. */
export function requirePhone(raw: string, path: string): string {
  const phone = normalisePhone(raw);
  if (phone === null) {
    throw ApiError.single(422, 'PHONE_INVALID', path, {
      zh: '手机号格式不正确，应为 11 位大陆手机号',
      en: 'Not a valid mainland mobile number (11 digits starting with 1)',
    });
  }
  return phone;
}
