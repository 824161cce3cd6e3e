import { randomBytes } from 'node:crypto';
import { guardedHmacSm3, guardedSm3 } from './sm-crypto-guard';
import { equalBytes, hmacSm3, sm3, sm3Hex } from './sm3';

describe('sm3 (native) against sm-crypto', () => {
  it('given the GB/T 32905 example "abc", when hashed, then the standard digest comes out', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('given random inputs of many lengths, when hashed natively and by sm-crypto, then digests are identical', () => {
    for (const length of [0, 1, 55, 56, 63, 64, 65, 127, 128, 1000, 4096]) {
      const data = randomBytes(length);
      expect(sm3(data).toString('hex')).toBe(guardedSm3(data).toString('hex'));
    }
  });

  it('given Chinese text, when hashed natively and by sm-crypto, then digests are identical', () => {
    const text = '发热门诊 东莞市人民医院 🏥';
    expect(sm3Hex(text)).toBe(guardedSm3(text).toString('hex'));
  });

  it('given random keys (short, block-sized, long) and data, when HMAC-SM3 runs both ways, then tags are identical', () => {
    for (const keyLength of [1, 16, 32, 64, 65, 100]) {
      const key = randomBytes(keyLength);
      const data = randomBytes(keyLength * 3);
      expect(hmacSm3(key, data).toString('hex')).toBe(guardedHmacSm3(key, data).toString('hex'));
    }
  });

  it('given equal and unequal byte strings, when compared, then only identical ones are equal and lengths may differ', () => {
    expect(equalBytes(Buffer.from('abc'), Buffer.from('abc'))).toBe(true);
    expect(equalBytes(Buffer.from('abc'), Buffer.from('abd'))).toBe(false);
    expect(equalBytes(Buffer.from('abc'), Buffer.from('abcd'))).toBe(false);
  });
});
