import type { ReactNode } from 'react';
import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import type { EngineClient } from '../api/engine-client';
import {
  answer,
  createPublicClient,
  createSignedInClient,
  refreshWith,
} from '../api/engine-client';
import type { LoginResult } from '../api/engine-responses';
import type { Session } from './token-keeper';
import { TokenKeeper } from './token-keeper';

interface SessionValue {
  readonly session: Session | null;
  /** The engine client that signs every call with the session's token. */
  readonly client: EngineClient;
  /** Signs in; rejects with the engine's ApiProblem (401, 423, 429…). */
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const { keeper, publicClient, client } = useMemo(() => {
    const publicClient = createPublicClient();
    const keeper = new TokenKeeper({
      storage: sessionStorage,
      now: () => Date.now(),
      refresh: refreshWith(publicClient),
    });
    return { keeper, publicClient, client: createSignedInClient(keeper) };
  }, []);
  const [session, setSession] = useState(() => keeper.current());
  useEffect(() => keeper.subscribe(setSession), [keeper]);

  const value = useMemo<SessionValue>(
    () => ({
      session,
      client,
      async signIn(username, password) {
        const result = await answer<LoginResult>(
          publicClient.POST('/api/auth/login', { body: { username, password } }),
        );
        keeper.signedIn(result);
      },
      async signOut() {
        const ended = keeper.signOut();
        if (ended === null) return;
        // Best effort: the tab has forgotten the tokens either way.
        await publicClient
          .POST('/api/auth/logout', { body: { refreshToken: ended.refreshToken } })
          .catch(() => undefined);
      },
    }),
    [session, client, keeper, publicClient],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession outside SessionProvider');
  return value;
}
