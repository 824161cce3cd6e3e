import type { Variables } from '../../runtime';

/** A process variable that is a non-empty string, else null. */
export function stringVariable(variables: Variables, name: string): string | null {
  const value = variables[name];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}
