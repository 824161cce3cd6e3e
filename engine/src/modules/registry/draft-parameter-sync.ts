import { Injectable, Logger } from '@nestjs/common';
import { canonicalJson } from './canonical-json';
import { DefinitionStore, type StoredDefinition } from './definition-store';
import type { ParameterValue } from './form-parameters';

const ATTEMPTS = 3;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The draft with these parameters' defaults replaced, or null when it has no such parameters. */
function withDefaults(
  draft: StoredDefinition,
  values: Readonly<Record<string, ParameterValue>>,
): StoredDefinition | null {
  const parameters = draft['parameters'];
  if (!Array.isArray(parameters) || !parameters.every(isRecord)) return null;
  const updated = {
    ...draft,
    parameters: parameters.map((p) =>
      typeof p['key'] === 'string' && Object.hasOwn(values, p['key'])
        ? { ...p, default: values[p['key']] }
        : p,
    ),
  };
  return canonicalJson(updated) === canonicalJson(draft) ? null : updated;
}

/**
 * After a parameter publication, brings the form's draft to the same values (as a new revision),
 * so the policy editor's next publication does not silently undo the province admin's change.
 * An editor holding the old revision then gets 409 and reloads, which is what should happen.
 */
@Injectable()
export class DraftParameterSync {
  private readonly logger = new Logger('DraftParameterSync');

  constructor(private readonly store: DefinitionStore) {}

  async follow(
    key: string,
    values: Readonly<Record<string, ParameterValue>>,
    actor: string,
  ): Promise<void> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const draft = await this.store.findDraft('form', key);
      const updated = draft === null ? null : withDefaults(draft.definition, values);
      if (draft === null || updated === null) return;
      const outcome = await this.store.saveDraft('form', key, updated, draft.revision, actor);
      if (outcome.saved) return;
    }
    this.logger.warn(`draft of ${key} kept changing; its parameter defaults were not updated`);
  }
}
