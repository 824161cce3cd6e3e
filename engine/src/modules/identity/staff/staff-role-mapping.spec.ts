import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dictionary } from '@sentinel/definitions';
import { CLINIC_ROLES } from '../../../common/auth';
import { REPO_ROOT } from '../../../config';
import { accountRoleFor, STAFF_ROLE_MAPPING } from './staff-role-mapping';

describe('staff role mapping', () => {
  const dictionary = JSON.parse(
    readFileSync(join(REPO_ROOT, 'definitions/content/dictionaries/staff-roles.json'), 'utf8'),
  ) as Dictionary;

  it('given the shipped staff-roles dictionary, when every code is mapped, then each gets a clinic role', () => {
    for (const item of dictionary.items) {
      expect(CLINIC_ROLES).toContain(accountRoleFor(item.code));
    }
  });

  it('given the documented codes, when mapped, then the administrator alone manages the clinic', () => {
    expect(STAFF_ROLE_MAPPING).toEqual({
      admin: 'clinic_admin',
      outpatientDoctor: 'doctor',
      pharmacist: 'pharmacist',
      nurse: 'nurse',
      frontDesk: 'front_desk',
      reporter: 'front_desk',
    });
  });

  it('given a code added to the dictionary later or a prototype key, when mapped, then nothing is guessed', () => {
    expect(accountRoleFor('surgeon')).toBeUndefined();
    expect(accountRoleFor('constructor')).toBeUndefined();
    expect(accountRoleFor('__proto__')).toBeUndefined();
  });
});
