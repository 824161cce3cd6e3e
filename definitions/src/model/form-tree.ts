import type { FieldDefinition, FormDefinition, FormNode, RepeatNode } from '../types/form.types';
import type { DefinitionProblem } from '../types/common.types';
import { problem } from './problems';

/** A field with the JSON pointer of its definition; `repeat` is set for a field inside a table. */
export interface FieldEntry {
  readonly field: FieldDefinition;
  readonly pointer: string;
  readonly repeat?: RepeatEntry;
}

/** A repeating group with its definition pointer and child fields. */
export interface RepeatEntry {
  readonly node: RepeatNode;
  readonly pointer: string;
  readonly children: FieldEntry[];
}

/** The form tree flattened: data nodes by key, in document order. */
export interface FormTree {
  /** Fields outside any repeat, in document order. */
  readonly fields: readonly FieldEntry[];
  readonly repeats: readonly RepeatEntry[];
  /** Every data node (top-level field or repeat) by key. */
  readonly topLevel: ReadonlyMap<string, FieldEntry | RepeatEntry>;
  readonly fieldCount: number;
}

/** Limits from SECURITY.md: a form of more than 500 fields or nested deeper than this is refused. */
export const MAX_FIELDS = 500;
/** Deepest nesting of sections and groups. */
export const MAX_TREE_DEPTH = 8;

/** Names expressions use for other things, and keys that could reach an object's prototype. */
export const RESERVED_KEYS = new Set([
  'params',
  'derived',
  'option',
  'row',
  '__proto__',
  'constructor',
  'prototype',
]);

/** Flattens the tree, reporting duplicate or reserved keys, nesting depth and the field limit. */
export function flattenFormTree(form: FormDefinition, problems: DefinitionProblem[]): FormTree {
  const fields: FieldEntry[] = [];
  const repeats: RepeatEntry[] = [];
  const topLevel = new Map<string, FieldEntry | RepeatEntry>();
  const seen = new Map<string, string>();
  let fieldCount = 0;

  const claim = (key: string, pointer: string): void => {
    if (RESERVED_KEYS.has(key)) {
      problems.push(
        problem(
          'reserved-key',
          `${pointer}/key`,
          `“${key}”是保留名称`,
          `“${key}” is a reserved name`,
        ),
      );
    }
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        problem(
          'duplicate-key',
          `${pointer}/key`,
          `键“${key}”重复（首次出现于 ${first}）`,
          `Duplicate key “${key}” (first at ${first})`,
        ),
      );
    } else seen.set(key, pointer);
  };

  const visit = (nodes: readonly FormNode[], base: string, depth: number): void => {
    if (depth > MAX_TREE_DEPTH) {
      problems.push(
        problem(
          'too-deep',
          base,
          `嵌套超过 ${MAX_TREE_DEPTH} 层`,
          `Nested deeper than ${MAX_TREE_DEPTH} levels`,
        ),
      );
      return;
    }
    nodes.forEach((node, i) => {
      const pointer = `${base}/${i}`;
      claim(node.key, pointer);
      if (node.kind === 'field') {
        fieldCount++;
        const entry: FieldEntry = { field: node, pointer };
        fields.push(entry);
        if (!topLevel.has(node.key)) topLevel.set(node.key, entry);
      } else if (node.kind === 'repeat') {
        const entry: RepeatEntry = { node, pointer, children: [] };
        node.children.forEach((child, j) => {
          const childPointer = `${pointer}/children/${j}`;
          claim(child.key, childPointer);
          fieldCount++;
          entry.children.push({ field: child, pointer: childPointer, repeat: entry });
        });
        repeats.push(entry);
        if (!topLevel.has(node.key)) topLevel.set(node.key, entry);
      } else {
        visit(node.children, `${pointer}/children`, depth + 1);
      }
    });
  };
  visit(form.items, '/items', 1);

  if (fieldCount > MAX_FIELDS) {
    problems.push(
      problem(
        'too-many-fields',
        '/items',
        `字段超过 ${MAX_FIELDS} 个`,
        `More than ${MAX_FIELDS} fields`,
      ),
    );
  }
  return { fields, repeats, topLevel, fieldCount };
}

/** Whether a tree entry is a repeat (table). */
export function isRepeatEntry(entry: FieldEntry | RepeatEntry): entry is RepeatEntry {
  return 'node' in entry;
}
