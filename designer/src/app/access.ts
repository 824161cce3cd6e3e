/**
 * What each role sees in the designer: the one place that decides it. The engine enforces the
 * same on its side (`definitions:publish`); this only keeps people away from pages they cannot use.
 */
export type Page = 'forms' | 'parameters';

const PAGES_BY_ROLE: Readonly<Record<string, readonly Page[]>> = {
  policy_editor: ['forms'],
  province_admin: ['forms', 'parameters'],
};

/** The designer pages open to an account with these roles, in menu order. */
export function pagesFor(roles: readonly string[]): Page[] {
  const open = new Set(roles.flatMap((role) => PAGES_BY_ROLE[role] ?? []));
  return (['forms', 'parameters'] as const).filter((page) => open.has(page));
}
