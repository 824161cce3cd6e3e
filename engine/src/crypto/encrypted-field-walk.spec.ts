import { dotPathOf, findEncryptedFields } from './encrypted-field-walk';

const sealed = (n: number) => ({ kid: 'k1', iv: `iv${n}`, ct: `ct${n}`, mac: `mac${n}` });

describe('findEncryptedFields', () => {
  it('given encrypted values nested in objects and arrays, when walked, then each is found with its JSON pointer', () => {
    const document = {
      _id: sealed(0),
      formKey: 'sentinel-visit',
      values: {
        idNumber: sealed(1),
        familyMembers: [{ memberPhone: sealed(2), relation: 'child' }, { memberPhone: null }],
        'a/b~c': sealed(3),
      },
    };
    const found = findEncryptedFields(document);
    expect(found.map((f) => f.pointer)).toEqual([
      '/values/idNumber',
      '/values/familyMembers/0/memberPhone',
      '/values/a~1b~0c',
    ]);
    expect(found[1]?.segments).toEqual(['values', 'familyMembers', 0, 'memberPhone']);
    expect(found[1]?.value).toEqual(sealed(2));
  });

  it('given near-misses (an extra member, a non-string member, a Date), when walked, then none is taken for an encrypted value', () => {
    const document = {
      extra: { ...sealed(1), note: 'x' },
      numeric: { ...sealed(2), mac: 5 },
      when: new Date(),
      list: [1, 'two', null],
    };
    expect(findEncryptedFields(document)).toEqual([]);
  });
});

describe('dotPathOf', () => {
  it('given plain segments, when converted, then a MongoDB dot path comes out', () => {
    expect(dotPathOf(['values', 'familyMembers', 0, 'memberPhone'])).toBe(
      'values.familyMembers.0.memberPhone',
    );
  });

  it('given a segment with a dot, a leading $ or nothing, when converted, then there is no dot path', () => {
    expect(dotPathOf(['values', 'a.b'])).toBeUndefined();
    expect(dotPathOf(['values', '$where'])).toBeUndefined();
    expect(dotPathOf(['values', ''])).toBeUndefined();
  });
});
