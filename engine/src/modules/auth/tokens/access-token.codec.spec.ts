import { hmacSm3 } from '../../../crypto/sm3';
import {
  ACCESS_TOKEN_HEADER,
  newTokenId,
  signAccessToken,
  verifyAccessToken,
  type AccessClaims,
} from './access-token.codec';

const secret = Buffer.alloc(32, 7);
const now = 1_760_000_000;
const claims: AccessClaims = { sub: 'u1', ver: 3, iat: now, exp: now + 900, jti: newTokenId() };

function b64(text: string): string {
  return Buffer.from(text).toString('base64url');
}

function resign(header: string, payload: string, key = secret): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${hmacSm3(key, input).toString('base64url')}`;
}

describe('access token codec', () => {
  it('given a signed token, when verified within its lifetime, then the claims come back', () => {
    const sut = signAccessToken(claims, secret);

    expect(sut.split('.')).toHaveLength(3);
    expect(Buffer.from(sut.split('.')[0]!, 'base64url').toString()).toBe(ACCESS_TOKEN_HEADER);
    expect(verifyAccessToken(sut, secret, now + 10)).toEqual({ ok: true, claims });
  });

  it('given the signature is HMAC-SM3 over header.payload, when recomputed independently, then it matches', () => {
    const [header, payload, signature] = signAccessToken(claims, secret).split('.');

    expect(signature).toBe(hmacSm3(secret, `${header}.${payload}`).toString('base64url'));
  });

  it('given a token at or past exp, when verified, then expired', () => {
    const token = signAccessToken(claims, secret);

    expect(verifyAccessToken(token, secret, now + 900)).toEqual({ ok: false, reason: 'expired' });
  });

  it('given a token issued far in the future, when verified, then refused', () => {
    const token = signAccessToken({ ...claims, iat: now + 3600, exp: now + 7200 }, secret);

    expect(verifyAccessToken(token, secret, now)).toEqual({ ok: false, reason: 'expired' });
  });

  it('given one flipped character in the payload, when verified, then the signature is refused', () => {
    const [header, payload, signature] = signAccessToken(claims, secret).split('.');
    const forged = b64(JSON.stringify({ ...claims, sub: 'admin' }));

    expect(payload).not.toBe(forged);
    expect(verifyAccessToken(`${header}.${forged}.${signature}`, secret, now)).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('given a tampered signature, when verified, then refused', () => {
    const token = signAccessToken(claims, secret);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -2)}${last}${token.slice(-1)}`;

    expect(verifyAccessToken(tampered, secret, now)).toEqual({ ok: false, reason: 'signature' });
  });

  it('given a token signed with another secret, when verified, then refused', () => {
    const token = signAccessToken(claims, Buffer.alloc(32, 8));

    expect(verifyAccessToken(token, secret, now)).toEqual({ ok: false, reason: 'signature' });
  });

  it('given alg none with an empty signature, when verified, then refused as malformed', () => {
    const token = `${b64('{"alg":"none","typ":"JWT"}')}.${b64(JSON.stringify(claims))}.`;

    expect(verifyAccessToken(token, secret, now).ok).toBe(false);
  });

  it.each([
    '{"alg":"none","typ":"JWT"}',
    '{"alg":"HS256","typ":"JWT"}',
    '{"typ":"JWT","alg":"HSM3"}',
  ])(
    'given header %s correctly HMAC-SM3 signed, when verified, then the algorithm is refused',
    (header) => {
      const token = resign(header, JSON.stringify(claims));

      expect(verifyAccessToken(token, secret, now)).toEqual({ ok: false, reason: 'algorithm' });
    },
  );

  it.each([
    ['two parts', 'a.b'],
    ['four parts', 'a.b.c.d'],
    ['not base64url', 'a+b.c.d'],
    ['empty', ''],
    ['too long', 'a'.repeat(2000)],
  ])('given %s, when verified, then malformed', (_, token) => {
    expect(verifyAccessToken(token, secret, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it.each([
    ['a non-object payload', '[1,2]'],
    ['a missing sub', JSON.stringify({ ...claims, sub: undefined })],
    ['a fractional ver', JSON.stringify({ ...claims, ver: 1.5 })],
    ['a string exp', JSON.stringify({ ...claims, exp: String(now + 900) })],
    ['not JSON', 'not json'],
  ])('given a validly signed token with %s, when verified, then malformed', (_, payload) => {
    expect(verifyAccessToken(resign(ACCESS_TOKEN_HEADER, payload), secret, now)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('given two tokens for the same claims but new ids, when compared, then they differ', () => {
    expect(signAccessToken({ ...claims, jti: newTokenId() }, secret)).not.toBe(
      signAccessToken({ ...claims, jti: newTokenId() }, secret),
    );
  });
});
