import { ApiError } from '../../common/errors';

/**
 * The refusals of the auth module in one place, so every path that refuses for the same reason
 * answers with the same status, code and wording (an unknown user and a wrong password must be
 * indistinguishable).
 */
export const authErrors = {
  unauthenticated(): ApiError {
    return ApiError.single(401, 'UNAUTHENTICATED', '', {
      zh: '未登录或登录已失效，请重新登录',
      en: 'Not signed in or the session has expired; please sign in again',
    });
  },

  forbidden(): ApiError {
    return ApiError.single(403, 'FORBIDDEN', '', {
      zh: '没有执行此操作的权限',
      en: 'You are not allowed to do this',
    });
  },

  invalidCredentials(): ApiError {
    return ApiError.single(401, 'INVALID_CREDENTIALS', '', {
      zh: '用户名或密码错误',
      en: 'Wrong username or password',
    });
  },

  accountLocked(minutes: number): ApiError {
    return ApiError.single(423, 'ACCOUNT_LOCKED', '', {
      zh: `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
      en: `Too many failed sign-ins; the account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}`,
    });
  },

  accountDisabled(): ApiError {
    return ApiError.single(403, 'ACCOUNT_DISABLED', '', {
      zh: '账号已停用，请联系管理员',
      en: 'This account is disabled; contact your administrator',
    });
  },

  invalidRefreshToken(): ApiError {
    return ApiError.single(401, 'INVALID_REFRESH_TOKEN', '/refreshToken', {
      zh: '刷新令牌无效或已过期，请重新登录',
      en: 'The refresh token is invalid or expired; please sign in again',
    });
  },

  wrongCurrentPassword(): ApiError {
    return ApiError.single(422, 'PASSWORD_INCORRECT', '/oldPassword', {
      zh: '原密码不正确',
      en: 'The current password is wrong',
    });
  },

  passwordUnchanged(path: string): ApiError {
    return ApiError.single(422, 'PASSWORD_UNCHANGED', path, {
      zh: '新密码不能与原密码相同',
      en: 'The new password must differ from the current one',
    });
  },

  noSuchAccount(path = ''): ApiError {
    return ApiError.single(404, 'ACCOUNT_NOT_FOUND', path, {
      zh: '账号不存在',
      en: 'No such account',
    });
  },

  usernameTaken(path: string): ApiError {
    return ApiError.single(409, 'USERNAME_TAKEN', path, {
      zh: '该登录账号已被使用',
      en: 'This username is already taken',
    });
  },

  phoneTaken(path: string): ApiError {
    return ApiError.single(409, 'PHONE_TAKEN', path, {
      zh: '该手机号已绑定其他账号（一个手机号只能对应一个账号）',
      en: 'This phone number already belongs to another account (one phone, one account)',
    });
  },
};
