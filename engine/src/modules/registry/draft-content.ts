import { appendPointer } from '../../common/input';
import type { DefinitionKind } from './definition-shape';
import type { StoredDefinition } from './definition-store';
import { invalidDraft } from './registry-errors';

const NOUN = { form: '表单', dictionary: '字典' } as const;

/** The first key MongoDB could misread: `$`-prefixed (operators) or dotted (paths). */
function unsafeKey(value: unknown, path: string): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [String(i), item])
    : Object.entries(value);
  for (const [key, child] of entries) {
    const childPath = appendPointer(path, key);
    if (!Array.isArray(value) && (key.startsWith('$') || key.includes('.'))) return childPath;
    const found = unsafeKey(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The definition as the registry stores it: the editor hint `$schema` dropped, and refused (400)
 * unless it names the kind and key of the URL and every key is safe to store. Drafts may
 * otherwise be incomplete; publication checks the rest.
 */
export function draftContent(
  kind: DefinitionKind,
  key: string,
  definition: Readonly<Record<string, unknown>>,
): StoredDefinition {
  const { $schema: _hint, ...content } = definition;
  if (content['kind'] !== kind) {
    throw invalidDraft(
      '/definition/kind',
      'KIND_MISMATCH',
      `定义的 kind 应为 “${kind}”（${NOUN[kind]}）`,
      `The definition's kind must be “${kind}”`,
    );
  }
  if (content['key'] !== key) {
    throw invalidDraft(
      '/definition/key',
      'KEY_MISMATCH',
      `定义的 key 应与地址中的 “${key}” 一致`,
      `The definition's key must equal “${key}” from the URL`,
    );
  }
  const unsafe = unsafeKey(content, '/definition');
  if (unsafe !== undefined) {
    throw invalidDraft(
      unsafe,
      'UNSAFE_KEY',
      `字段名不能以 $ 开头或包含“.”（${unsafe}）`,
      `Keys may not start with $ or contain a dot (${unsafe})`,
    );
  }
  return content;
}
