import createClient from 'openapi-fetch';
import type { TokenKeeper } from '../session/token-keeper';
import { networkProblem, problemFrom } from './api-problem';
import type { paths } from './engine-api.generated';
import type { LoginResult } from './engine-responses';

/** The engine's typed API, as generated from its OpenAPI document. */
export type EngineClient = ReturnType<typeof createClient<paths>>;

/** What openapi-fetch answers; `data` is typed only where the engine declares a response schema. */
interface FetchResult {
  readonly data?: unknown;
  readonly error?: unknown;
  readonly response: Response;
}

/**
 * The data of a successful answer, typed as `T`; an ApiProblem with the engine's messages
 * otherwise. `T` is the generated type where the engine declares one, else a type from
 * engine-responses.ts (the one place responses are typed by hand).
 */
export async function answer<T>(call: Promise<FetchResult>): Promise<T> {
  let result: FetchResult;
  try {
    result = await call;
  } catch {
    throw networkProblem();
  }
  if (!result.response.ok) throw problemFrom(result.response.status, result.error);
  return result.data as T;
}

/** Calls without a session (sign-in, refresh, logout). */
export function createPublicClient(baseUrl = ''): EngineClient {
  return createClient<paths>({ baseUrl });
}

/** `POST /api/auth/refresh` as the TokenKeeper needs it. */
export function refreshWith(client: EngineClient) {
  return (refreshToken: string): Promise<LoginResult> =>
    answer<LoginResult>(client.POST('/api/auth/refresh', { body: { refreshToken } }));
}

/**
 * Calls with the session's bearer token. The token is refreshed before it expires; a 401 anyway
 * (revoked, clock skew) gets one refresh and one retry of a copy of the original request.
 */
export function createSignedInClient(keeper: TokenKeeper, baseUrl = ''): EngineClient {
  const signedFetch = async (request: Request): Promise<Response> => {
    const retry = request.clone();
    const token = await keeper.accessToken();
    if (token !== null) request.headers.set('Authorization', `Bearer ${token}`);
    const response = await fetch(request);
    if (response.status !== 401 || token === null) return response;
    const next = await keeper.afterUnauthorized(token);
    if (next === null) return response;
    retry.headers.set('Authorization', `Bearer ${next}`);
    return fetch(retry);
  };
  return createClient<paths>({ baseUrl, fetch: signedFetch });
}
