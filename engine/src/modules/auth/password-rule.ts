import type { LocalizedMessage } from '../../common/errors';

/** Limits from the registration seeds: 8–16 characters, e.g. `Hblgzw135%`. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 16;

/** Why a password breaks the rule; `code` is stable for clients, `message` is for people. */
export interface PasswordIssue {
  readonly code: 'PASSWORD_LENGTH' | 'PASSWORD_WHITESPACE' | 'PASSWORD_CHARACTER_KINDS';
  readonly message: LocalizedMessage;
}

const WHITESPACE_OR_CONTROL = /[\s\p{Cc}]/u;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
/** Anything printable that is neither a letter nor a digit counts as a symbol (`%`, `@`, `_`…). */
const SYMBOL = /[^\p{L}\p{Nd}\s\p{Cc}]/u;

/**
 * The password rule: 8–16 characters, no spaces, at least two of letters, digits and symbols.
 * Length counts characters (code points), not UTF-16 units, so `密码` is two characters.
 */
export function passwordIssue(password: string): PasswordIssue | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    return {
      code: 'PASSWORD_LENGTH',
      message: {
        zh: `密码长度应为 ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} 位`,
        en: `Password must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters long`,
      },
    };
  }
  if (WHITESPACE_OR_CONTROL.test(password)) {
    return {
      code: 'PASSWORD_WHITESPACE',
      message: { zh: '密码不能包含空格', en: 'Password must not contain spaces' },
    };
  }
  const kinds = [LETTER, DIGIT, SYMBOL].filter((kind) => kind.test(password)).length;
  if (kinds < 2) {
    return {
      code: 'PASSWORD_CHARACTER_KINDS',
      message: {
        zh: '密码需包含字母、数字、符号中的至少两种',
        en: 'Password must contain at least two of letters, digits and symbols',
      },
    };
  }
  return null;
}
