import type { FormDefinition } from '@sentinel/definitions';
import { maskPersonal } from '../../crypto/masking';
import { isEncryptedField } from '../../crypto/field-protection';
import {
  contentForm,
  feverReport,
  testCrypto,
} from '../../../test/medium/submissions/submission-fixtures';
import { formAnatomy } from '../submissions/form-anatomy';
import { PersonalValues } from './personal-values';

const visitReport = formAnatomy(contentForm('patient-visit-report'));
const withRepeat = formAnatomy({
  kind: 'form',
  key: 'purchase',
  version: 1,
  title: { zh: '购药', en: 'Purchase' },
  items: [
    {
      kind: 'repeat',
      key: 'buyers',
      title: { zh: '购药人', en: 'Buyers' },
      children: [
        {
          kind: 'field',
          key: 'phone',
          type: 'phone',
          title: { zh: '电话', en: 'Phone' },
          personal: 'phone',
        },
        { kind: 'field', key: 'count', type: 'integer', title: { zh: '数量', en: 'Count' } },
      ],
    },
  ],
} satisfies FormDefinition);

function makeSut() {
  const { cipher, blindIndex } = testCrypto();
  return { sut: new PersonalValues(cipher, blindIndex), cipher, blindIndex };
}

describe('PersonalValues', () => {
  it('given a visit report, when protected, then every personal field is {kid,iv,ct,mac} and the rest is untouched', () => {
    const { sut } = makeSut();
    const values = feverReport();

    const stored = sut.protect(values, visitReport, 'doc-1');

    for (const key of ['patientName', 'idNumber', 'birthDate', 'phone', 'currentAddress']) {
      expect(isEncryptedField(stored.values[key])).toBe(true);
    }
    expect(stored.values['temperature']).toBe(38.5);
    expect(stored.values['gender']).toBe('2');
    expect(JSON.stringify(stored.values)).not.toContain('13658582323');
    expect(values['phone']).toBe('13658582323'); // the input is not rewritten
  });

  it('given a visit report, when protected, then the blind index holds one token per name, ID number and phone', () => {
    const { sut, blindIndex } = makeSut();

    const stored = sut.protect(feverReport(), visitReport, 'doc-1');

    expect(stored.blind).toEqual({
      idNumber: [blindIndex.token('idNumber', '362421199409180026')],
      phone: [blindIndex.token('phone', '13658582323')],
      name: [blindIndex.token('name', '陈琛')],
    });
  });

  it('given the same phone in two documents, when protected, then the ciphertexts differ but the tokens match', () => {
    const { sut } = makeSut();

    const first = sut.protect(feverReport(), visitReport, 'doc-1');
    const second = sut.protect(feverReport(), visitReport, 'doc-2');

    expect(first.values['phone']).not.toEqual(second.values['phone']);
    expect(first.blind.phone).toEqual(second.blind.phone);
  });

  it('given repeat rows with a personal child, when protected and revealed in clear, then each row cell round-trips at its own path', () => {
    const { sut } = makeSut();
    const values = {
      buyers: [
        { phone: '13800138000', count: 1 },
        { phone: '13900139000', count: 2 },
      ],
    };

    const stored = sut.protect(values, withRepeat, 'doc-9');
    const revealed = sut.reveal(stored.values, withRepeat, 'doc-9', 'clear');

    expect(revealed).toEqual({ values, integrity: [] });
    expect(stored.blind.phone).toHaveLength(2);
  });

  it('given a stored visit report, when revealed with masking, then ID, phone and name are masked', () => {
    const { sut } = makeSut();
    const stored = sut.protect(feverReport(), visitReport, 'doc-1');

    const revealed = sut.reveal(stored.values, visitReport, 'doc-1', { mask: maskPersonal });

    expect(revealed.values).toMatchObject({
      idNumber: '3624**********0026',
      phone: '136****2323',
      patientName: '陈*',
      birthDate: '1994-**-**',
      currentAddress: { region: '441900005', detail: '****' },
      temperature: 38.5,
    });
    expect(revealed.integrity).toEqual([]);
  });

  it('given one flipped byte in a stored ciphertext, when revealed, then that value is null with a tampered integrity entry and the rest decrypts', () => {
    const { sut } = makeSut();
    const stored = sut.protect(feverReport(), visitReport, 'doc-1');
    const phone = stored.values['phone'] as { ct: string };
    const bytes = Buffer.from(phone.ct, 'base64');
    bytes[0] = bytes[0]! ^ 0x01;
    phone.ct = bytes.toString('base64');

    const revealed = sut.reveal(stored.values, visitReport, 'doc-1', 'clear');

    expect(revealed.values['phone']).toBeNull();
    expect(revealed.values['patientName']).toBe('陈琛');
    expect(revealed.integrity).toEqual([
      { path: '/values/phone', code: 'tampered', reason: 'mac-mismatch' },
    ]);
  });

  it('given a ciphertext copied into another document, when revealed there, then it is refused', () => {
    const { sut } = makeSut();
    const original = sut.protect(feverReport(), visitReport, 'doc-1');
    const other = sut.protect(feverReport({ phone: '13900000000' }), visitReport, 'doc-2');

    const revealed = sut.reveal(
      { ...other.values, phone: original.values['phone'] },
      visitReport,
      'doc-2',
      'clear',
    );

    expect(revealed.values['phone']).toBeNull();
    expect(revealed.integrity.map((i) => i.path)).toEqual(['/values/phone']);
  });

  it('given a plain value where a ciphertext belongs, when revealed, then it is withheld as tampered, not shown', () => {
    const { sut } = makeSut();

    const revealed = sut.reveal({ phone: '13658582323' }, visitReport, 'doc-1', 'clear');

    expect(revealed.values['phone']).toBeNull();
    expect(revealed.integrity).toEqual([
      { path: '/values/phone', code: 'tampered', reason: 'malformed' },
    ]);
  });

  it('given `only` the patient block, when revealed, then the address outside it stays encrypted', () => {
    const { sut } = makeSut();
    const stored = sut.protect(feverReport(), visitReport, 'doc-1');

    const revealed = sut.reveal(stored.values, visitReport, 'doc-1', 'clear', new Set(['phone']));

    expect(revealed.values['phone']).toBe('13658582323');
    expect(isEncryptedField(revealed.values['currentAddress'])).toBe(true);
    expect(isEncryptedField(revealed.values['idNumber'])).toBe(true);
  });
});
