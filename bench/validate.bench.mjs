// Issue 3 target: one complete `validate` of the patient visit report ≤ 0.2 ms median. For scale it
// is printed beside a hand-written validator of the same form (same fields, dictionaries, ID check
// digit, fever rule and derived values) measured in the same run.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatNs, pairedMedians, report } from './lib/measure.mjs';

const require = createRequire(import.meta.url);
const { compileForm, indexDictionaries, validate } = require('@sentinel/definitions');

const CONTENT = join(import.meta.dirname, '..', 'definitions', 'content');
const readJson = (...parts) => JSON.parse(readFileSync(join(CONTENT, ...parts), 'utf8'));
const FORM = readJson('forms', 'patient-visit-report.json');
const DICTIONARIES = readdirSync(join(CONTENT, 'dictionaries')).map((f) =>
  readJson('dictionaries', f),
);

/** The golden case a clinic files most: a febrile patient referred to a fever clinic. */
const TYPICAL = FORM.goldenCases.find((c) => c.expect.valid && c.input.temperature >= 38);
// Dictionaries are indexed once with the form, as the engine does per published version.
const CONTEXT = { now: new Date(TYPICAL.now), utcOffsetMinutes: 480 };

/** The same checks, written by hand for this one form: the fastest a validator can be. */
function handWrittenValidator() {
  const codes = (key) =>
    new Set(
      DICTIONARIES.find((d) => d.key === key)
        .items.filter((i) => i.enabled !== false)
        .map((i) => i.code),
    );
  const idTypes = codes('id-types');
  const crowd = codes('crowd-categories');
  const epi = codes('epidemiological-history');
  const symptoms = codes('symptoms');
  const regions = codes('regions-guangdong');
  const clinics = codes('fever-clinics');
  const drugs = codes('drugs');
  const known = new Set([
    'patientName',
    'idType',
    'idNumber',
    'gender',
    'birthDate',
    'phone',
    'crowdCategory',
    'crowdCategoryOther',
    'temperature',
    'currentAddress',
    'onsetDate',
    'epidemiologicalHistory',
    'mainSymptoms',
    'otherSymptoms',
    'whiteCellCount',
    'lymphocyteCount',
    'imaging',
    'preliminaryDiagnosis',
    'medication',
    'patientDestination',
    'referralInstitution',
  ]);
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const checkChars = '10X98765432';
  const dateOk = (s) =>
    typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
  const today = new Date(CONTEXT.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return (v) => {
    const errors = [];
    for (const key of Object.keys(v))
      if (!known.has(key)) errors.push({ path: `/${key}`, code: 'unknown-field' });
    const req = (key) => {
      if (v[key] === undefined || v[key] === null || v[key] === '')
        errors.push({ path: `/${key}`, code: 'required' });
    };
    [
      'patientName',
      'idType',
      'idNumber',
      'gender',
      'birthDate',
      'phone',
      'crowdCategory',
      'temperature',
      'onsetDate',
      'epidemiologicalHistory',
      'mainSymptoms',
    ].forEach(req);
    if (typeof v.patientName !== 'string' || v.patientName.length > 50)
      errors.push({ path: '/patientName', code: 'type' });
    if (!idTypes.has(v.idType)) errors.push({ path: '/idType', code: 'option' });
    if (v.idType === '01') {
      const id = v.idNumber;
      let sum = 0;
      for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * weights[i];
      if (id.length !== 18 || checkChars[sum % 11] !== id[17].toUpperCase())
        errors.push({ path: '/idNumber', code: 'check-digit' });
      if (`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}` !== v.birthDate)
        errors.push({ path: '/birthDate', code: 'mismatch' });
      if ((Number(id[16]) % 2 === 1 ? '1' : '2') !== v.gender)
        errors.push({ path: '/gender', code: 'mismatch' });
    }
    if (v.gender !== '1' && v.gender !== '2') errors.push({ path: '/gender', code: 'option' });
    if (!dateOk(v.birthDate) || v.birthDate > today)
      errors.push({ path: '/birthDate', code: 'date' });
    if (!/^1[3-9]\d{9}$/.test(v.phone)) errors.push({ path: '/phone', code: 'pattern' });
    if (!crowd.has(v.crowdCategory)) errors.push({ path: '/crowdCategory', code: 'option' });
    if (typeof v.temperature !== 'number' || v.temperature < 30 || v.temperature > 45)
      errors.push({ path: '/temperature', code: 'range' });
    if (!dateOk(v.onsetDate) || v.onsetDate > today || v.onsetDate < v.birthDate)
      errors.push({ path: '/onsetDate', code: 'date' });
    const history = v.epidemiologicalHistory;
    if (
      !Array.isArray(history) ||
      history.some((c) => !epi.has(c)) ||
      (history.includes('none') && history.length > 1)
    )
      errors.push({ path: '/epidemiologicalHistory', code: 'option' });
    for (const [code, yes] of Object.entries(v.mainSymptoms))
      if (!symptoms.has(code) || typeof yes !== 'boolean')
        errors.push({ path: `/mainSymptoms/${code}`, code: 'option' });
    if (
      v.medication !== undefined &&
      (v.medication.length > 20 || v.medication.some((c) => !drugs.has(c)))
    )
      errors.push({ path: '/medication', code: 'option' });
    const fever = v.temperature >= 37.3;
    if (fever) {
      if (
        !v.currentAddress ||
        !regions.has(v.currentAddress.region) ||
        !v.currentAddress.detail ||
        v.currentAddress.detail.length > 200
      )
        errors.push({ path: '/currentAddress', code: 'required' });
      if (!clinics.has(v.referralInstitution))
        errors.push({ path: '/referralInstitution', code: 'required' });
    }
    if (v.crowdCategory === '99') req('crowdCategoryOther');
    const by = Number(v.birthDate.slice(0, 4));
    const age = Number(today.slice(0, 4)) - by - (today.slice(5) < v.birthDate.slice(5) ? 1 : 0);
    return { valid: errors.length === 0, errors, derived: { fever, ageYears: age } };
  };
}

export function run() {
  const compiled = compileForm(FORM, indexDictionaries(DICTIONARIES));
  const native = handWrittenValidator();
  const ours = validate(compiled, TYPICAL.input, CONTEXT);
  const theirs = native(TYPICAL.input);
  if (!ours.valid || !theirs.valid || ours.derived.fever !== theirs.derived.fever) {
    throw new Error(
      `validators disagree on the typical case: ${JSON.stringify({ ours: ours.errors, theirs: theirs.errors })}`,
    );
  }
  const { ns, ratioToFirst } = pairedMedians(
    [() => native(TYPICAL.input).valid, () => validate(compiled, TYPICAL.input, CONTEXT).valid],
    { iterations: 2_000 },
  );
  console.log(`  patient visit report, typical febrile case "${TYPICAL.name}":`);
  console.log(`    hand-written validator   ${formatNs(ns[0])}`);
  console.log(
    `    validate()               ${formatNs(ns[1])}  (${ratioToFirst[1].toFixed(1)}× the hand-written one)`,
  );
  return report('one complete validate(), median', formatNs(ns[1]), '≤ 0.2 ms', ns[1] <= 200_000);
}
