import type { FormDefinition } from '@sentinel/definitions';
import { formDerivedKeys, formValueFields } from './workflow-lint-context';

const title = { zh: '标题', en: 'Title' };

const form = {
  kind: 'form',
  key: 'visit',
  version: 1,
  title,
  items: [
    {
      kind: 'section',
      key: 'patient',
      title,
      children: [
        { kind: 'field', key: 'name', type: 'text', title, personal: 'name' },
        {
          kind: 'group',
          key: 'inner',
          title,
          children: [{ kind: 'field', key: 'temperature', type: 'number', title }],
        },
      ],
    },
    {
      kind: 'repeat',
      key: 'contacts',
      title,
      children: [{ kind: 'field', key: 'contactPhone', type: 'text', title, personal: 'phone' }],
    },
    {
      kind: 'repeat',
      key: 'drugs',
      title,
      children: [{ kind: 'field', key: 'drug', type: 'text', title }],
    },
    { kind: 'field', key: 'referralInstitution', type: 'text', title },
  ],
  derived: [{ key: 'fever', type: 'boolean', title, expression: 'temperature >= 37.3' }],
} as unknown as FormDefinition;

describe('form facts for the workflow lint', () => {
  it('given sections, groups and repeats, when walked, then every value key is listed with its personal flag', () => {
    expect(formValueFields(form)).toEqual([
      { key: 'name', personal: true },
      { key: 'temperature', personal: false },
      { key: 'contacts', personal: true },
      { key: 'drugs', personal: false },
      { key: 'referralInstitution', personal: false },
    ]);
  });

  it('given derived values, when listed, then their keys come back; none gives an empty list', () => {
    expect(formDerivedKeys(form)).toEqual(['fever']);
    expect(formDerivedKeys({ ...form, derived: undefined })).toEqual([]);
  });
});
