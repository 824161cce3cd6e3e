import type { Page } from './access';

/** Where the designer is, kept in the URL's hash so a reload or a shared link opens the same page. */
export type Route =
  | { readonly page: 'forms' }
  | { readonly page: 'form'; readonly key: string }
  | { readonly page: 'parameters' };

const FORM_KEY = /^[a-z][a-z0-9-]{0,63}$/;

/** The route of a hash such as `#/forms/patient-visit-report`; the form list otherwise. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'parameters') return { page: 'parameters' };
  if (parts[0] === 'forms' && parts[1] !== undefined && FORM_KEY.test(parts[1]))
    return { page: 'form', key: parts[1] };
  return { page: 'forms' };
}

export function hrefOf(route: Route): string {
  return route.page === 'form' ? `#/forms/${route.key}` : `#/${route.page}`;
}

/** The menu entry a route belongs to. */
export function pageOf(route: Route): Page {
  return route.page === 'parameters' ? 'parameters' : 'forms';
}
