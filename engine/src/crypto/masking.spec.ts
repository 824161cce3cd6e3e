import { maskPersonal } from './masking';

describe('maskPersonal', () => {
  it.each([
    ['idNumber', '110105199412315998', '1101**********5998'],
    ['phone', '13412345678', '134****5678'],
    ['name', '张三', '张*'],
    ['name', '欧阳娜娜', '欧阳**'],
    ['name', '李小龙', '李**'],
    ['birthDate', '1994-12-31', '1994-**-**'],
    ['address', '广东省东莞市东城街道 1 号', '****'],
    ['other', '医务人员', '******'],
  ] as const)('given %s %s, when masked, then %s', (kind, value, expected) => {
    expect(maskPersonal(kind, value)).toBe(expected);
  });

  it('given an ID number, when masked, then the length is kept', () => {
    expect(String(maskPersonal('idNumber', '11010519491231002X'))).toHaveLength(18);
  });

  it('given an address object, when masked, then the region stays and the detail is hidden', () => {
    expect(
      maskPersonal('address', {
        region: ['44', '4419', '441900'],
        detail: '东城街道 1 号',
        lat: 23,
      }),
    ).toEqual({ region: ['44', '4419', '441900'], detail: '****' });
  });

  it('given null or undefined, when masked, then they stay as they are', () => {
    expect(maskPersonal('phone', null)).toBeNull();
    expect(maskPersonal('idNumber', undefined)).toBeUndefined();
  });

  it('given an array of phones, when masked, then each element is masked', () => {
    expect(maskPersonal('phone', ['13412345678', '13912345678'])).toEqual([
      '134****5678',
      '139****5678',
    ]);
  });

  it('given values too short to show ends, a one-character name or the wrong type, when masked, then nothing leaks', () => {
    expect(maskPersonal('idNumber', '12345678')).toBe('********');
    expect(maskPersonal('phone', '12345')).toBe('*****');
    expect(maskPersonal('name', '张')).toBe('*');
    expect(maskPersonal('name', { first: '张' })).toBe('******');
    expect(maskPersonal('birthDate', 'sometime')).toBe('******');
    expect(maskPersonal('birthDate', new Date('1994-06-01T00:00:00Z'))).toBe('1994-**-**');
  });

  it('given a phone stored as a number, when masked, then it is masked like text', () => {
    expect(maskPersonal('phone', 13412345678)).toBe('134****5678');
  });
});
