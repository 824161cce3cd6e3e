import { ApiProblem } from '../api/api-problem';
import type { LoginResult } from '../api/engine-responses';
import { REFRESH_MARGIN_MS, SESSION_STORAGE_KEY, TokenKeeper } from './token-keeper';

const user = {
  id: 'u1',
  username: 'demo-policy-editor',
  displayName: '编辑',
  roles: [],
  enabled: true,
};
const pair = (n: number, expiresIn = 900): LoginResult =>
  ({ accessToken: `access-${n}`, refreshToken: `refresh-${n}`, expiresIn, user }) as LoginResult;

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

function given(refresh: (token: string) => Promise<LoginResult>) {
  let now = 1_000_000;
  const storage = memoryStorage();
  const calls: string[] = [];
  const sut = new TokenKeeper({
    storage,
    now: () => now,
    refresh: (token) => {
      calls.push(token);
      return refresh(token);
    },
  });
  return { sut, storage, calls, advance: (ms: number) => (now += ms) };
}

describe('TokenKeeper', () => {
  it('hands out the access token unchanged while it has more than the margin left', async () => {
    const { sut, calls, advance } = given(async () => pair(2));
    sut.signedIn(pair(1));
    advance(900_000 - REFRESH_MARGIN_MS - 1);
    expect(await sut.accessToken()).toBe('access-1');
    expect(calls).toEqual([]);
  });

  it('refreshes before expiry, and stores the new pair in session storage', async () => {
    const { sut, calls, storage, advance } = given(async () => pair(2));
    sut.signedIn(pair(1));
    advance(900_000 - REFRESH_MARGIN_MS + 1);
    expect(await sut.accessToken()).toBe('access-2');
    expect(calls).toEqual(['refresh-1']);
    expect(JSON.parse(storage.map.get(SESSION_STORAGE_KEY) ?? '{}').refreshToken).toBe('refresh-2');
  });

  it('spends the single-use refresh token once when several calls need it at the same time', async () => {
    const { sut, calls } = given(async () => pair(2));
    sut.signedIn(pair(1));
    const tokens = await Promise.all([
      sut.afterUnauthorized('access-1'),
      sut.afterUnauthorized('access-1'),
      sut.afterUnauthorized('access-1'),
    ]);
    expect(tokens).toEqual(['access-2', 'access-2', 'access-2']);
    expect(calls).toEqual(['refresh-1']);
  });

  it('retries a late 401 with the token another call already refreshed, without refreshing again', async () => {
    const { sut, calls } = given(async () => pair(2));
    sut.signedIn(pair(1));
    await sut.afterUnauthorized('access-1');
    expect(await sut.afterUnauthorized('access-1')).toBe('access-2');
    expect(calls).toEqual(['refresh-1']);
  });

  it('ends the session when the engine refuses the refresh token', async () => {
    const { sut, storage } = given(async () => {
      throw new ApiProblem(401, 'INVALID_REFRESH_TOKEN', []);
    });
    const seen: unknown[] = [];
    sut.signedIn(pair(1));
    sut.subscribe((s) => seen.push(s));
    expect(await sut.afterUnauthorized('access-1')).toBeNull();
    expect(sut.current()).toBeNull();
    expect(storage.map.has(SESSION_STORAGE_KEY)).toBe(false);
    expect(seen).toEqual([null]);
  });

  it('keeps the session when the refresh fails for lack of network', async () => {
    const { sut } = given(async () => {
      throw new ApiProblem(0, 'NETWORK', []);
    });
    sut.signedIn(pair(1));
    await expect(sut.afterUnauthorized('access-1')).rejects.toThrow(ApiProblem);
    expect(sut.current()?.refreshToken).toBe('refresh-1');
  });

  it('restores the session of this tab after a reload, and ignores a damaged entry', () => {
    const first = given(async () => pair(2));
    first.sut.signedIn(pair(1));
    const reloaded = new TokenKeeper({ storage: first.storage, now: () => 0, refresh: jest.fn() });
    expect(reloaded.current()?.accessToken).toBe('access-1');
    first.storage.setItem(SESSION_STORAGE_KEY, '{not json');
    expect(
      new TokenKeeper({ storage: first.storage, now: () => 0, refresh: jest.fn() }).current(),
    ).toBeNull();
  });

  it('forgets the session on sign-out and returns it so the engine can be told', () => {
    const { sut, storage } = given(async () => pair(2));
    sut.signedIn(pair(1));
    expect(sut.signOut()?.refreshToken).toBe('refresh-1');
    expect(sut.current()).toBeNull();
    expect(storage.map.size).toBe(0);
  });
});
