import { ApiError } from '../../../common/errors';

/** A JSON object as sent; arrays, primitives and null are not. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** 422 for a body that must be a JSON object. */
export function bodyNotAnObject(path = ''): ApiError {
  return ApiError.single(422, 'NOT_AN_OBJECT', path, {
    zh: '请求体应为 JSON 对象',
    en: 'The body must be a JSON object',
  });
}

/**
 * Top-level JSON merge patch (RFC 7396): a key with a value replaces, a key with null removes
 * (clears an optional field), absent keys stay. The result is validated as a whole afterwards,
 * so a patch can never leave a record the form would refuse.
 */
export function mergePatch(
  current: Readonly<Record<string, unknown>>,
  patch: unknown,
): Record<string, unknown> {
  if (!isPlainObject(patch)) throw bodyNotAnObject();
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) Reflect.deleteProperty(merged, key);
    else merged[key] = value;
  }
  return merged;
}
