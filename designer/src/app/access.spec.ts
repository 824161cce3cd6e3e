import { pagesFor } from './access';

describe('pages by role', () => {
  it('opens the forms to policy editors', () => {
    expect(pagesFor(['policy_editor'])).toEqual(['forms']);
  });

  it('opens forms and parameters to province admins', () => {
    expect(pagesFor(['province_admin'])).toEqual(['forms', 'parameters']);
  });

  it('opens nothing to clinic staff, patients or other officials', () => {
    for (const role of ['doctor', 'nurse', 'patient', 'district_reviewer', 'city_regulator'])
      expect(pagesFor([role])).toEqual([]);
  });

  it('unites the pages of several roles without repeating one', () => {
    expect(pagesFor(['doctor', 'policy_editor', 'province_admin'])).toEqual([
      'forms',
      'parameters',
    ]);
  });
});
