import { checkResidentId, residentIdCheckChar, residentIdFacts } from './resident-id';

describe('GB 11643 resident ID', () => {
  it('given the standard example 11010519491231002X, when checked, then it is valid', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(checkResidentId('11010519491231002X')).toBeNull();
  });

  it('given a wrong check digit, when checked, then id-check-digit', () => {
    expect(checkResidentId('110105194912310021')).toBe('id-check-digit');
  });

  it('given 30 February, when checked, then id-birth-date', () => {
    const first17 = '11010519490230002';
    expect(checkResidentId(first17 + residentIdCheckChar(first17))).toBe('id-birth-date');
  });

  it('given a birth after today, when checked with today, then id-birth-date', () => {
    const first17 = '11010520300101002';
    const id = first17 + residentIdCheckChar(first17);
    expect(checkResidentId(id)).toBeNull();
    expect(checkResidentId(id, '2024-06-01')).toBe('id-birth-date');
  });

  it('given 17 digits, a lower-case x or a leading zero, when checked, then id-format', () => {
    expect(checkResidentId('11010519491231002')).toBe('id-format');
    expect(checkResidentId('11010519491231002x')).toBe('id-format');
    expect(checkResidentId('010105194912310021')).toBe('id-format');
  });

  it('given the seed 000 sample 362421199409180026, when facts are read, then 1994-09-18 female', () => {
    expect(residentIdFacts('362421199409180026')).toEqual({
      birthDate: '1994-09-18',
      gender: 'female',
    });
  });

  it('given an invalid ID, when facts are read, then null', () => {
    expect(residentIdFacts('362421199409180027')).toBeNull();
  });
});
