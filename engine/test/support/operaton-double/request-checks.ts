import { badRequest } from './engine-state';

/**
 * Request checks engine-rest makes through Jackson and its resources: an unknown property of a
 * DTO is refused (`Unrecognized field ... not marked as ignorable`), mandatory ones are checked.
 */
export function jsonObject(body: unknown, dto: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`Cannot deserialize ${dto} from a non-object body`);
  }
  return body as Record<string, unknown>;
}

export function onlyFields(
  body: Record<string, unknown>,
  allowed: readonly string[],
  dto: string,
): void {
  const unknown = Object.keys(body).find((field) => !allowed.includes(field));
  if (unknown !== undefined) {
    throw badRequest(`Unrecognized field "${unknown}" (class ${dto}), not marked as ignorable`);
  }
}

export function optionalString(body: Record<string, unknown>, field: string): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badRequest(`${field} must be a string`);
  return value;
}

export function requiredInteger(body: Record<string, unknown>, field: string, minimum = 0): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw badRequest(`${field} must be an integer >= ${minimum}`);
  }
  return value;
}

/** `firstResult` / `maxResults` paging of list resources. */
export function page<T>(items: readonly T[], query: URLSearchParams): T[] {
  const first = Number(query.get('firstResult') ?? 0);
  const max = query.has('maxResults') ? Number(query.get('maxResults')) : Number.MAX_SAFE_INTEGER;
  if (!Number.isInteger(first) || first < 0 || !Number.isInteger(max) || max < 0) {
    throw badRequest('firstResult and maxResults must be non-negative integers');
  }
  return items.slice(first, first + max);
}

export function queryFlag(query: URLSearchParams, name: string): boolean | null {
  const value = query.get(name);
  if (value === null) return null;
  if (value !== 'true' && value !== 'false')
    throw badRequest(`Cannot set query parameter '${name}' to value '${value}'`);
  return value === 'true';
}

/** A comma-separated list parameter (`processInstanceIdIn=a,b`). */
export function queryList(query: URLSearchParams, name: string): string[] | null {
  const value = query.get(name);
  return value === null ? null : value.split(',').filter((item) => item !== '');
}

/** Refuses query parameters the resource does not know (engine-rest ignores them silently; the double is stricter so a typo fails a test). */
export function onlyParams(query: URLSearchParams, allowed: readonly string[]): void {
  for (const name of query.keys()) {
    if (!allowed.includes(name)) throw badRequest(`[double] unsupported query parameter ${name}`);
  }
}

/** engine-rest wants `sortBy` and `sortOrder` together; `desc` reverses the natural order. */
export function sorted<T>(items: T[], query: URLSearchParams): T[] {
  const by = query.get('sortBy');
  const order = query.get('sortOrder');
  if ((by === null) !== (order === null)) {
    throw badRequest('Only a single sorting parameter specified. sortBy and sortOrder required');
  }
  if (order !== null && order !== 'asc' && order !== 'desc') {
    throw badRequest(`Cannot set query parameter 'sortOrder' to value '${order}'`);
  }
  return order === 'desc' ? [...items].reverse() : items;
}
