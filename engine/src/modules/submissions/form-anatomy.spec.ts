import type { FormDefinition } from '@sentinel/definitions';
import { contentForm } from '../../../test/medium/submissions/submission-fixtures';
import { formAnatomy } from './form-anatomy';

/** A form with personal fields at every depth: top level, inside sections, inside a repeat. */
const nested: FormDefinition = {
  kind: 'form',
  key: 'nested',
  version: 1,
  title: { zh: '嵌套', en: 'Nested' },
  items: [
    {
      kind: 'field',
      key: 'reporterPhone',
      type: 'phone',
      title: { zh: '电话', en: 'Phone' },
      personal: 'phone',
    },
    {
      kind: 'section',
      key: 'buyer',
      title: { zh: '购药人', en: 'Buyer' },
      children: [
        {
          kind: 'field',
          key: 'buyerName',
          type: 'text',
          title: { zh: '姓名', en: 'Name' },
          personal: 'name',
        },
        { kind: 'field', key: 'buyerAge', type: 'integer', title: { zh: '年龄', en: 'Age' } },
        {
          kind: 'group',
          key: 'inner',
          title: { zh: '内', en: 'Inner' },
          children: [
            { kind: 'field', key: 'photo', type: 'file', title: { zh: '照片', en: 'Photo' } },
          ],
        },
      ],
    },
    {
      kind: 'repeat',
      key: 'proxies',
      title: { zh: '代购人', en: 'Proxies' },
      children: [
        {
          kind: 'field',
          key: 'proxyPhone',
          type: 'phone',
          title: { zh: '电话', en: 'Phone' },
          personal: 'phone',
        },
        { kind: 'field', key: 'proofs', type: 'file', title: { zh: '证明', en: 'Proofs' } },
      ],
    },
  ],
};

describe('formAnatomy', () => {
  it('given fields tagged personal at the top, in sections and in a repeat, when analysed, then each is found with its repeat', () => {
    const sut = formAnatomy(nested);

    expect(sut.personal).toEqual([
      { key: 'reporterPhone', kind: 'phone', repeat: null },
      { key: 'buyerName', kind: 'name', repeat: null },
      { key: 'proxyPhone', kind: 'phone', repeat: 'proxies' },
    ]);
  });

  it('given file fields in a nested group and a repeat, when analysed, then both are file sites', () => {
    const sut = formAnatomy(nested);

    expect(sut.files.map((f) => [f.key, f.repeat])).toEqual([
      ['photo', null],
      ['proofs', 'proxies'],
    ]);
  });

  it('given a section holding a name field, when analysed, then the whole section is the patient block but repeats are not', () => {
    const sut = formAnatomy(nested);

    expect(sut.patientBlock).toEqual(['reporterPhone', 'buyerName', 'buyerAge', 'photo']);
  });

  it('given the visit report, when analysed, then its personal fields and patient block are the 患者信息 section', () => {
    const sut = formAnatomy(contentForm('patient-visit-report'));

    expect(sut.personal.map((p) => `${p.key}:${p.kind}`)).toEqual([
      'patientName:name',
      'idNumber:idNumber',
      'birthDate:birthDate',
      'phone:phone',
      'currentAddress:address',
    ]);
    expect(sut.patientBlock).toEqual(
      expect.arrayContaining(['patientName', 'idType', 'idNumber', 'gender', 'birthDate', 'phone']),
    );
    expect(sut.patientBlock).not.toContain('temperature');
  });

  it('given the same definition twice, when analysed, then the cached anatomy is returned', () => {
    expect(formAnatomy(nested)).toBe(formAnatomy(nested));
  });
});
