import type { FieldDefinition, FileField, FormDefinition, FormNode } from '@sentinel/definitions';
import { isSearchableKind, type PersonalField } from '../personal-data';

export {
  isSearchableKind,
  SEARCHABLE_KINDS,
  type PersonalField,
  type SearchableKind,
} from '../personal-data';

/** A file field, at the top level or inside a repeat. */
export interface FileFieldSite {
  readonly key: string;
  readonly field: FileField;
  readonly repeat: string | null;
}

/**
 * What the submissions module needs to know about a form besides validation: which values are
 * personal (encrypted, indexed, masked), which hold file ids, and which fields make up the
 * "patient block" a returning-patient search answers with.
 */
export interface FormAnatomy {
  readonly personal: readonly PersonalField[];
  readonly personalByKey: ReadonlyMap<string, PersonalField>;
  readonly files: readonly FileFieldSite[];
  /**
   * Top-level field keys of every section that holds a name, ID number or phone field: the
   * person's identity as the form groups it (for the visit report, its 患者信息 section).
   */
  readonly patientBlock: readonly string[];
}

// Published definitions are immutable, so an anatomy is computed once per definition object.
const cache = new WeakMap<FormDefinition, FormAnatomy>();

export function formAnatomy(definition: FormDefinition): FormAnatomy {
  let anatomy = cache.get(definition);
  if (anatomy === undefined) {
    anatomy = analyse(definition);
    cache.set(definition, anatomy);
  }
  return anatomy;
}

function analyse(definition: FormDefinition): FormAnatomy {
  const personal: PersonalField[] = [];
  const files: FileFieldSite[] = [];
  const patientBlock: string[] = [];

  const visitField = (field: FieldDefinition, repeat: string | null): void => {
    if (field.personal !== undefined)
      personal.push({ key: field.key, kind: field.personal, repeat });
    if (field.type === 'file') files.push({ key: field.key, field, repeat });
  };
  const visit = (node: FormNode): void => {
    if (node.kind === 'field') visitField(node, null);
    else if (node.kind === 'repeat') for (const child of node.children) visitField(child, node.key);
    else for (const child of node.children) visit(child);
  };
  for (const node of definition.items) {
    visit(node);
    if (node.kind === 'section' || node.kind === 'group') {
      const fields = topLevelFieldsOf(node.children);
      if (fields.some((f) => f.personal !== undefined && isSearchableKind(f.personal))) {
        patientBlock.push(...fields.map((f) => f.key));
      }
    } else if (node.kind === 'field' && node.personal !== undefined) {
      if (isSearchableKind(node.personal)) patientBlock.push(node.key);
    }
  }
  return {
    personal,
    personalByKey: new Map(personal.filter((p) => p.repeat === null).map((p) => [p.key, p])),
    files,
    patientBlock,
  };
}

/** Fields directly in a section or its nested sections; repeats are tables, not identity. */
function topLevelFieldsOf(nodes: readonly FormNode[]): FieldDefinition[] {
  const out: FieldDefinition[] = [];
  for (const node of nodes) {
    if (node.kind === 'field') out.push(node);
    else if (node.kind === 'section' || node.kind === 'group')
      out.push(...topLevelFieldsOf(node.children));
  }
  return out;
}
