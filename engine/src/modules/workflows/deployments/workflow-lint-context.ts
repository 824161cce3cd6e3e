import { Injectable } from '@nestjs/common';
import type { FieldDefinition, FormDefinition, FormNode } from '@sentinel/definitions';
import { ROLES } from '../../../common/auth';
import { DefinitionRegistry } from '../../registry';
import type { WorkflowLintContext } from '../bpmn';
import { WorkerRegistry } from '../runtime';

/** A value a submission of the form holds at its top level, and whether it is personal. */
export interface FormValueField {
  readonly key: string;
  readonly personal: boolean;
}

/**
 * The values a form's submission holds: every field (sections and groups only lay them out) and
 * every repeat, whose rows count as personal when any column is. Startup variables and task forms
 * are checked against this, so a personal value never becomes a process variable.
 */
export function formValueFields(form: FormDefinition): FormValueField[] {
  const fields: FormValueField[] = [];
  const isPersonal = (field: FieldDefinition): boolean => field.personal !== undefined;
  const visit = (nodes: readonly FormNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'field') fields.push({ key: node.key, personal: isPersonal(node) });
      else if (node.kind === 'repeat')
        fields.push({ key: node.key, personal: node.children.some(isPersonal) });
      else visit(node.children);
    }
  };
  visit(form.items);
  return fields;
}

/** Keys of a form's derived values (`derived.<key>` in its expressions). */
export function formDerivedKeys(form: FormDefinition): string[] {
  return (form.derived ?? []).map((derived) => derived.key);
}

/**
 * What the lint needs from the rest of the engine, read at each deploy: topics with a registered
 * worker, the engine's roles, and the forms in force now.
 */
@Injectable()
export class WorkflowLintContextFactory {
  constructor(
    private readonly workers: WorkerRegistry,
    private readonly registry: DefinitionRegistry,
  ) {}

  create(now?: Date): WorkflowLintContext {
    return {
      knownTopics: this.workers.topics(),
      knownRoles: ROLES,
      formFields: async (formKey) => {
        const form = await this.registry.currentForm(formKey, now);
        return form === null ? null : formValueFields(form.definition);
      },
      formDerived: async (formKey) => {
        const form = await this.registry.currentForm(formKey, now);
        return form === null ? null : formDerivedKeys(form.definition);
      },
    };
  }
}
