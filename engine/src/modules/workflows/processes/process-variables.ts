import type { WorkflowDefinition } from '@sentinel/definitions';
import type { OutboxEvent } from '../../outbox';
import type { VariableValue, Variables } from '../runtime';

/**
 * A stored value as a process variable: JSON only (dates become ISO strings; anything without a
 * JSON form becomes null), so it survives MongoDB, engine-rest and a restart unchanged.
 */
export function toVariableValue(value: unknown): VariableValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map(toVariableValue);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toVariableValue(v)]),
    );
  }
  return null;
}

/** The event's form is this workflow's start form, and its start condition (if any) holds. */
export function startsFor(definition: WorkflowDefinition, event: OutboxEvent): boolean {
  if (definition.startForm !== event.formKey) return false;
  const condition = definition.startWhenDerived;
  return condition === undefined || event.derived[condition] === true;
}

/** Whether starting this workflow needs the submission's values. */
export function needsValues(definition: WorkflowDefinition): boolean {
  return (
    Object.keys(definition.startVariables ?? {}).length > 0 ||
    definition.scopeRegionField !== undefined
  );
}

/** The region code in the start form's `scopeRegionField`, if the workflow names one and it is set. */
export function scopeRegionCode(
  definition: WorkflowDefinition,
  values: Readonly<Record<string, unknown>>,
): string | null {
  const field = definition.scopeRegionField;
  if (field === undefined) return null;
  const value = values[field];
  // A region field holds the code; an address field `{region, detail}`.
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const region = (value as Record<string, unknown>)['region'];
    if (typeof region === 'string' && region !== '') return region;
  }
  return null;
}

/**
 * Variables a process starts with: the workflow's `startVariables` copied from the submission's
 * non-personal values (a field without a value is null), then the identifiers every process
 * gets, which a copied variable cannot shadow.
 */
export function startVariablesOf(
  definition: WorkflowDefinition,
  event: OutboxEvent,
  values: Readonly<Record<string, unknown>>,
): Variables {
  const copied: Record<string, VariableValue> = {};
  for (const [variable, field] of Object.entries(definition.startVariables ?? {})) {
    copied[variable] = toVariableValue(values[field]);
  }
  return {
    ...copied,
    submissionId: event.submissionId,
    formKey: event.formKey,
    institutionId: event.institutionId,
  };
}
