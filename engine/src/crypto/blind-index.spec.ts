import { HmacSm3BlindIndex, normaliseForIndex } from './blind-index';

describe('HmacSm3BlindIndex', () => {
  const sut = new HmacSm3BlindIndex(Buffer.alloc(32, 0x22));

  it('given an ID number with a lower-case x and one with spaces and an upper-case X, when indexed, then the tokens are equal', () => {
    expect(sut.token('idNumber', '11010519491231002x')).toBe(
      sut.token('idNumber', ' 11010519491231002X '),
    );
    expect(sut.token('idNumber', '110105 19491231 002X')).toBe(
      sut.token('idNumber', '11010519491231002X'),
    );
  });

  it('given one phone written with +86, 86, 0086, dashes or full-width digits, when indexed, then the tokens are equal', () => {
    const expected = sut.token('phone', '13412345678');
    for (const written of [
      '+86 134-1234-5678',
      '8613412345678',
      '0086 13412345678',
      '１３４１２３４５６７８',
    ]) {
      expect(sut.token('phone', written)).toBe(expected);
    }
  });

  it('given names differing only in outer and inner whitespace, when indexed, then the tokens are equal', () => {
    expect(sut.token('name', '  欧阳  娜娜 ')).toBe(sut.token('name', '欧阳 娜娜'));
  });

  it('given different values or the same digits as different kinds, when indexed, then the tokens differ', () => {
    expect(sut.token('phone', '13412345678')).not.toBe(sut.token('phone', '13412345679'));
    expect(sut.token('phone', '13412345678')).not.toBe(sut.token('idNumber', '13412345678'));
  });

  it('given another key, when the same value is indexed, then the token differs and is 64 hex characters', () => {
    const other = new HmacSm3BlindIndex(Buffer.alloc(32, 0x33));
    const token = sut.token('phone', '13412345678');
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(other.token('phone', '13412345678')).not.toBe(token);
  });

  it('given a short number with 86 in front, when normalised, then only a mainland-length prefix is stripped', () => {
    expect(normaliseForIndex('phone', '8612345')).toBe('8612345');
    expect(normaliseForIndex('other', '  a  b ')).toBe('a  b');
  });

  it('given a key shorter than 32 bytes, when the index is built, then it refuses', () => {
    expect(() => new HmacSm3BlindIndex(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
