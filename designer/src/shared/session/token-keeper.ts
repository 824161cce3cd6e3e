import { ApiProblem } from '../api/api-problem';
import type { AccountView, LoginResult } from '../api/engine-responses';

/** What the browser keeps between reloads of the tab (sessionStorage: gone when the tab closes). */
export interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Epoch milliseconds at which the access token stops being accepted. */
  readonly expiresAt: number;
  readonly user: AccountView;
}

/** The part of `Storage` the keeper uses, so tests can hand it a map. */
export type SessionStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface TokenKeeperDeps {
  readonly storage: SessionStorageLike;
  readonly now: () => number;
  /** Exchanges a refresh token for a new pair; rejects with ApiProblem 401 when it is refused. */
  readonly refresh: (refreshToken: string) => Promise<LoginResult>;
}

export const SESSION_STORAGE_KEY = 'sentinel.designer.session';
/** Refresh this long before expiry, so a request never leaves with a token about to lapse. */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * Holds the session and keeps its access token fresh. Refresh tokens are single use and presenting
 * a spent one revokes the whole family, so concurrent callers share ONE refresh in flight instead
 * of each spending the token. A refused refresh ends the session; a network failure keeps it.
 */
export class TokenKeeper {
  private session: Session | null;
  private refreshing: Promise<Session | null> | null = null;
  private readonly listeners = new Set<(session: Session | null) => void>();

  constructor(private readonly deps: TokenKeeperDeps) {
    this.session = readSession(deps.storage);
  }

  current(): Session | null {
    return this.session;
  }

  subscribe(listener: (session: Session | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stores the pair a sign-in (or refresh) returned. */
  signedIn(result: LoginResult): Session {
    const session: Session = {
      accessToken: result.accessToken,
      refreshToken: result.refreshToken,
      expiresAt: this.deps.now() + result.expiresIn * 1000,
      user: result.user,
    };
    this.replace(session);
    return session;
  }

  /** Forgets the session; returns it so the caller can still tell the engine to end it. */
  signOut(): Session | null {
    const previous = this.session;
    this.replace(null);
    return previous;
  }

  /** An access token valid for at least the margin, refreshing first when needed; null if none. */
  async accessToken(): Promise<string | null> {
    const session = this.session;
    if (session === null) return null;
    if (session.expiresAt - this.deps.now() > REFRESH_MARGIN_MS) return session.accessToken;
    return (await this.refreshOnce(session))?.accessToken ?? null;
  }

  /**
   * After a 401 for `rejectedToken`: a token to retry with, or null when the session is over. If
   * another call already replaced that token, its successor is used without refreshing again.
   */
  async afterUnauthorized(rejectedToken: string): Promise<string | null> {
    const session = this.session;
    if (session === null) return null;
    if (session.accessToken !== rejectedToken) return session.accessToken;
    return (await this.refreshOnce(session))?.accessToken ?? null;
  }

  private refreshOnce(session: Session): Promise<Session | null> {
    if (this.refreshing === null) {
      this.refreshing = this.deps
        .refresh(session.refreshToken)
        .then(
          (result) => this.signedIn(result),
          (error: unknown) => {
            if (error instanceof ApiProblem && error.status === 401) {
              this.replace(null);
              return null;
            }
            throw error;
          },
        )
        .finally(() => {
          this.refreshing = null;
        });
    }
    return this.refreshing;
  }

  private replace(session: Session | null): void {
    this.session = session;
    if (session === null) this.deps.storage.removeItem(SESSION_STORAGE_KEY);
    else this.deps.storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
    for (const listener of this.listeners) listener(session);
  }
}

function readSession(storage: SessionStorageLike): Session | null {
  const raw = storage.getItem(SESSION_STORAGE_KEY);
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Session>;
    const ok =
      typeof parsed.accessToken === 'string' &&
      typeof parsed.refreshToken === 'string' &&
      typeof parsed.expiresAt === 'number' &&
      typeof parsed.user === 'object' &&
      parsed.user !== null;
    return ok ? (parsed as Session) : null;
  } catch {
    return null;
  }
}
