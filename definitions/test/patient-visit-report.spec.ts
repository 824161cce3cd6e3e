import { indexDictionaries } from '../src/dictionaries/dictionary-index';
import { runGoldenCases } from '../src/golden/golden-runner';
import { checkForm } from '../src/model/compile-form';
import { loadDictionaries, loadPatientVisitReport } from './content-loader';

describe('patient visit report (信息上报)', () => {
  const form = loadPatientVisitReport();
  const dictionaries = indexDictionaries(loadDictionaries());

  it('given the form and the province dictionaries, when statically checked, then there is no problem', () => {
    expect(checkForm(form, dictionaries)).toEqual([]);
  });

  it('given its golden cases, when run, then every case passes', () => {
    const results = runGoldenCases(form, { dictionaries });
    expect(results.length).toBeGreaterThanOrEqual(10);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });
});
