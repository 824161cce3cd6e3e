import { isRole, type Role } from '../../../common/auth';
import type { ErrorDetail } from '../../../common/errors';
import { passwordIssue } from '../password-rule';
import { normalisePhone } from '../phone-number';
import type { AccountFieldPaths, NewAccount } from '../accounts';

/** Letters, digits and `_ . @ -`, 3–64 characters, starting with a letter or digit (phones fit). */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{2,63}$/;
const MAX_DISPLAY_NAME = 64;

export interface CheckedAccount {
  readonly username: string;
  readonly phone?: string;
  readonly roles: readonly Role[];
  readonly displayName: string;
}

/**
 * Every rule a new account must meet, collected at once so a form shows all problems together;
 * `issues` empty means `account` is usable (username trimmed, phone normalised).
 */
export function checkNewAccount(
  input: NewAccount,
  paths: Required<AccountFieldPaths>,
): { readonly issues: ErrorDetail[]; readonly account: CheckedAccount } {
  const issues: ErrorDetail[] = [];
  const username = input.username.trim();
  if (!USERNAME.test(username)) {
    issues.push({
      path: paths.username,
      code: 'USERNAME_INVALID',
      message: {
        zh: '登录账号应为 3–64 位字母、数字或 _ . @ -，以字母或数字开头',
        en: 'Username must be 3–64 letters, digits or _ . @ -, starting with a letter or digit',
      },
    });
  }
  const phone = input.phone === undefined ? undefined : normalisePhone(input.phone);
  if (phone === null) {
    issues.push({
      path: paths.phone,
      code: 'PHONE_INVALID',
      message: {
        zh: '手机号格式不正确，应为 11 位大陆手机号',
        en: 'Not a valid mainland mobile number (11 digits starting with 1)',
      },
    });
  }
  const password = passwordIssue(input.password);
  if (password !== null) issues.push({ path: paths.password, ...password });
  if (input.roles.length === 0 || !input.roles.every(isRole)) {
    issues.push({
      path: paths.roles,
      code: 'ROLES_INVALID',
      message: { zh: '角色为空或不存在', en: 'Roles are empty or unknown' },
    });
  }
  const displayName = input.displayName.trim();
  if (displayName.length === 0 || displayName.length > MAX_DISPLAY_NAME) {
    issues.push({
      path: paths.displayName,
      code: 'DISPLAY_NAME_INVALID',
      message: { zh: '姓名不能为空且不超过 64 字', en: 'Name must be 1–64 characters' },
    });
  }
  return {
    issues,
    account: { username, ...(phone ? { phone } : {}), roles: input.roles, displayName },
  };
}
