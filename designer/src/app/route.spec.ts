import { hrefOf, pageOf, parseRoute } from './route';

describe('routes in the hash', () => {
  it('reads a form page and writes it back', () => {
    const sut = parseRoute('#/forms/patient-visit-report');
    expect(sut).toEqual({ page: 'form', key: 'patient-visit-report' });
    expect(hrefOf(sut)).toBe('#/forms/patient-visit-report');
    expect(pageOf(sut)).toBe('forms');
  });

  it('falls back to the form list for an empty, unknown or malformed hash', () => {
    for (const hash of ['', '#', '#/nowhere', '#/forms/Not_A_Key', '#/forms/../x'])
      expect(parseRoute(hash)).toEqual({ page: 'forms' });
  });

  it('reads the parameters page', () => {
    expect(parseRoute('#/parameters')).toEqual({ page: 'parameters' });
  });
});
