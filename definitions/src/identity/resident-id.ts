/**
 * GB 11643-1999 citizen identity number: 6-digit region, 8-digit birth date, 3-digit sequence
 * (odd = male) and an ISO 7064 MOD 11-2 check character (0–9 or X).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
const SHAPE = /^[1-9]\d{16}[\dX]$/;

/** Why a resident ID number is invalid, or `null` when it is valid. */
export type ResidentIdProblem = 'id-format' | 'id-birth-date' | 'id-check-digit';

/** The check character (0–9 or X) for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] as number);
  return CHECK_CHARS.charAt(sum % 11);
}

/** `YYYY-MM-DD` when the 8 digits are a real calendar date, else null. */
function birthDateOf(id: string): string | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/**
 * Checks an 18-character resident ID (upper-case X only: callers store what users typed, and a
 * lower-case x would make blind-index look-ups miss). `today` (YYYY-MM-DD) refuses future births.
 */
export function checkResidentId(id: string, today?: string): ResidentIdProblem | null {
  if (!SHAPE.test(id)) return 'id-format';
  const birth = birthDateOf(id);
  if (birth === null || (today !== undefined && birth > today)) return 'id-birth-date';
  if (residentIdCheckChar(id) !== id.charAt(17)) return 'id-check-digit';
  return null;
}

/** What a valid resident ID encodes: birth date and gender. */
export interface ResidentIdFacts {
  readonly birthDate: string;
  readonly gender: 'male' | 'female';
}

/** Birth date and gender encoded in a resident ID, or null when the ID is not valid. */
export function residentIdFacts(id: string): ResidentIdFacts | null {
  if (checkResidentId(id) !== null) return null;
  const sequence = id.charCodeAt(16) - 48;
  return { birthDate: birthDateOf(id) as string, gender: sequence % 2 === 1 ? 'male' : 'female' };
}
