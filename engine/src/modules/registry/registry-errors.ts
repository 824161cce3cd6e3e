import { ApiError, type ErrorDetail } from '../../common/errors';
import type { DefinitionKind } from './definition-shape';

const NOUN = {
  form: { zh: '表单', en: 'Form', code: 'FORM' },
  dictionary: { zh: '字典', en: 'Dictionary', code: 'DICTIONARY' },
} as const;

/** 404 for a key with no published version. */
export function definitionNotFound(kind: DefinitionKind, key: string): ApiError {
  const noun = NOUN[kind];
  return ApiError.single(404, `${noun.code}_NOT_FOUND`, '', {
    zh: `${noun.zh}“${key}”不存在或尚未发布`,
    en: `${noun.en} “${key}” does not exist or has not been published`,
  });
}

/** 404 for a version number a key does not have. */
export function versionNotFound(kind: DefinitionKind, key: string, version: number): ApiError {
  const noun = NOUN[kind];
  return ApiError.single(404, `${noun.code}_VERSION_NOT_FOUND`, '/version', {
    zh: `${noun.zh}“${key}”没有第 ${version} 版`,
    en: `${noun.en} “${key}” has no version ${version}`,
  });
}

/** 404 when publishing or reading a draft nobody saved. */
export function draftNotFound(kind: DefinitionKind, key: string): ApiError {
  const noun = NOUN[kind];
  return ApiError.single(404, 'DRAFT_NOT_FOUND', '', {
    zh: `${noun.zh}“${key}”没有草稿`,
    en: `${noun.en} “${key}” has no draft`,
  });
}

/** 409 for an edit or publication based on a revision someone else has replaced. */
export function staleRevision(key: string, given: number, current: number): ApiError {
  return ApiError.single(409, 'STALE_REVISION', '/revision', {
    zh: `草稿“${key}”已被他人修改：您基于第 ${given} 版修订，当前为第 ${current} 版修订，请重新加载`,
    en: `Draft “${key}” was changed by someone else: you edited revision ${given}, the current revision is ${current}; reload it`,
  });
}

/** 409 when two publications raced for the same version number. */
export function concurrentPublication(
  kind: DefinitionKind,
  key: string,
  version: number,
): ApiError {
  const noun = NOUN[kind];
  return ApiError.single(409, 'CONCURRENT_PUBLICATION', '', {
    zh: `${noun.zh}“${key}”的第 ${version} 版刚被他人发布，请重新加载后再发布`,
    en: `${noun.en} “${key}” version ${version} was just published by someone else; reload and publish again`,
  });
}

/** 422 listing every reason a publication was refused; nothing was stored. */
export function publishRefused(details: readonly ErrorDetail[]): ApiError {
  return new ApiError(422, 'PUBLISH_REFUSED', details);
}

/** 400 for a draft whose identity (kind, key) does not match the URL or that cannot be stored. */
export function invalidDraft(path: string, code: string, zh: string, en: string): ApiError {
  return ApiError.single(400, code, path, { zh, en });
}
