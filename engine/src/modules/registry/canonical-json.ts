import { sm3Hex } from '../../crypto';

/**
 * JSON with object keys sorted at every level and no whitespace, so equal definitions give equal
 * text whatever order an editor or MongoDB kept their keys in. Arrays keep their order (it means
 * something in a form). Undefined properties are dropped, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

/**
 * The identity of a definition's content: SM3 hex of its canonical JSON without `version` (assigned
 * by the registry) and `$schema` (an editor hint). The publish CLI compares a file with the version
 * in force through it, so the same function serves both sides.
 */
export function definitionChecksum(definition: Readonly<Record<string, unknown>>): string {
  const { version: _version, $schema: _schema, ...content } = definition;
  return sm3Hex(canonicalJson(content));
}
