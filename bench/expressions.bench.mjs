// Issue 3 target: evaluating the patient visit report's rules with our compiled expressions is
// ≤ 2× a hand-written JS closure doing the same checks, and ≥ 5× faster than json-logic-js.
import { createRequire } from 'node:module';
import { formatNs, pairedMedians, report } from './lib/measure.mjs';

const require = createRequire(import.meta.url);
const {
  compileExpression,
  typeScopeFromRecord,
  scopeFromObject,
  isFault,
} = require('@sentinel/definitions');
const jsonLogic = require('json-logic-js');

const NOW = new Date('2026-11-21T02:00:00Z');
const CONTEXT = { now: NOW, utcOffsetMinutes: 480 };
const TODAY = '2026-11-21';

/** The 20 rules of a typical report, in our language, keyed by what they decide. */
const RULES = {
  fever: 'temperature >= params.feverThreshold',
  addressRequired: 'temperature >= params.feverThreshold and isEmpty(address)',
  referralRequired: 'temperature >= params.feverThreshold and isEmpty(referralClinic)',
  crowdOtherVisible: "crowdCategory == '99'",
  epiExclusive: "contains(epiHistory, '5') and count(epiHistory) > 1",
  child: 'age(birthDate) < 14',
  onsetInFuture: 'onsetDate > today()',
  wbcOutOfRange: 'whiteCells != null and (whiteCells < 0 or whiteCells > 100)',
  lymphAboveWbc: 'lymphocytes != null and whiteCells != null and lymphocytes > whiteCells',
  respiratory: 'any(respiratory)',
  highFever: 'temperature >= 38.5',
  badPhone: "not matches(phone, '^1[3-9]\\d{9}$')",
  longName: 'len(patientName) > 50',
  residentId: "idType == '01'",
  referralDestination: "destination == 'referral' and isEmpty(referralClinic)",
  tooManyDrugs: 'count(medication) > 10',
  implausibleTemperature: 'temperature < 34 or temperature > 43',
  bornInFuture: 'birthDate > today()',
  lateOnset: 'daysBetween(onsetDate, today()) > 30',
  feverWithoutImaging: 'temperature >= params.feverThreshold and isEmpty(imaging)',
};

const TYPES = {
  temperature: { kind: 'number', unit: '°C' },
  'params.feverThreshold': { kind: 'number', unit: '°C' },
  address: { kind: 'string' },
  referralClinic: { kind: 'string' },
  crowdCategory: { kind: 'string' },
  epiHistory: { kind: 'list', of: { kind: 'string' } },
  birthDate: { kind: 'date' },
  onsetDate: { kind: 'date' },
  whiteCells: { kind: 'number' },
  lymphocytes: { kind: 'number' },
  respiratory: { kind: 'list', of: { kind: 'boolean' } },
  phone: { kind: 'string' },
  patientName: { kind: 'string' },
  idType: { kind: 'string' },
  destination: { kind: 'string' },
  medication: { kind: 'list', of: { kind: 'string' } },
  imaging: { kind: 'string' },
};

const INPUT = {
  temperature: 38.5,
  params: { feverThreshold: 37.3 },
  address: '东莞市莞城区市桥路1号',
  referralClinic: 'dg-people-hospital',
  crowdCategory: '01',
  epiHistory: ['1', '3'],
  birthDate: '1988-03-14',
  onsetDate: '2026-11-20',
  whiteCells: 6.2,
  lymphocytes: 1.8,
  respiratory: [true, false, true, false, false, false, false, false, true],
  phone: '13412345678',
  patientName: '张三',
  idType: '01',
  destination: 'home',
  medication: ['d001', 'd002'],
  imaging: null,
};

function compileOurs() {
  const scope = typeScopeFromRecord(TYPES);
  return Object.entries(RULES).map(([name, source]) => {
    const result = compileExpression(source, scope);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.diagnostics)}`);
    return result.expression;
  });
}

/** The same checks written by hand: the fastest a closure can be. */
function nativeRules() {
  const empty = (v) =>
    v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
  const mobile = /^1[3-9]\d{9}$/;
  const age = (birth) => {
    const [y, m, d] = birth.split('-').map(Number);
    const [ty, tm, td] = TODAY.split('-').map(Number);
    return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
  };
  const days = (a, b) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
  return [
    (v) => v.temperature >= v.params.feverThreshold,
    (v) => v.temperature >= v.params.feverThreshold && empty(v.address),
    (v) => v.temperature >= v.params.feverThreshold && empty(v.referralClinic),
    (v) => v.crowdCategory === '99',
    (v) => v.epiHistory.includes('5') && v.epiHistory.length > 1,
    (v) => age(v.birthDate) < 14,
    (v) => v.onsetDate > TODAY,
    (v) => v.whiteCells !== null && (v.whiteCells < 0 || v.whiteCells > 100),
    (v) => v.lymphocytes !== null && v.whiteCells !== null && v.lymphocytes > v.whiteCells,
    (v) => v.respiratory.some(Boolean),
    (v) => v.temperature >= 38.5,
    (v) => !mobile.test(v.phone),
    (v) => v.patientName.length > 50,
    (v) => v.idType === '01',
    (v) => v.destination === 'referral' && empty(v.referralClinic),
    (v) => v.medication.length > 10,
    (v) => v.temperature < 34 || v.temperature > 43,
    (v) => v.birthDate > TODAY,
    (v) => days(v.onsetDate, TODAY) > 30,
    (v) => v.temperature >= v.params.feverThreshold && empty(v.imaging),
  ];
}

/** The same rules in json-logic, with the few operations it lacks added as plain functions. */
function jsonLogicRules() {
  const native = nativeRules();
  jsonLogic.add_operation(
    'empty',
    (v) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0),
  );
  jsonLogic.add_operation('ageBelow14', (b) => native[5]({ birthDate: b }));
  jsonLogic.add_operation('mobile', (p) => /^1[3-9]\d{9}$/.test(p));
  jsonLogic.add_operation('len', (s) => s.length);
  jsonLogic.add_operation('count', (l) => l.length);
  jsonLogic.add_operation('lateOnset', (d) => native[18]({ onsetDate: d }));
  const fever = { '>=': [{ var: 'temperature' }, { var: 'params.feverThreshold' }] };
  return [
    fever,
    { and: [fever, { empty: [{ var: 'address' }] }] },
    { and: [fever, { empty: [{ var: 'referralClinic' }] }] },
    { '==': [{ var: 'crowdCategory' }, '99'] },
    {
      and: [{ in: ['5', { var: 'epiHistory' }] }, { '>': [{ count: [{ var: 'epiHistory' }] }, 1] }],
    },
    { ageBelow14: [{ var: 'birthDate' }] },
    { '>': [{ var: 'onsetDate' }, TODAY] },
    {
      and: [
        { '!=': [{ var: 'whiteCells' }, null] },
        { or: [{ '<': [{ var: 'whiteCells' }, 0] }, { '>': [{ var: 'whiteCells' }, 100] }] },
      ],
    },
    {
      and: [
        { '!=': [{ var: 'lymphocytes' }, null] },
        { '!=': [{ var: 'whiteCells' }, null] },
        { '>': [{ var: 'lymphocytes' }, { var: 'whiteCells' }] },
      ],
    },
    { some: [{ var: 'respiratory' }, { var: '' }] },
    { '>=': [{ var: 'temperature' }, 38.5] },
    { '!': [{ mobile: [{ var: 'phone' }] }] },
    { '>': [{ len: [{ var: 'patientName' }] }, 50] },
    { '==': [{ var: 'idType' }, '01'] },
    {
      and: [{ '==': [{ var: 'destination' }, 'referral'] }, { empty: [{ var: 'referralClinic' }] }],
    },
    { '>': [{ count: [{ var: 'medication' }] }, 10] },
    { or: [{ '<': [{ var: 'temperature' }, 34] }, { '>': [{ var: 'temperature' }, 43] }] },
    { '>': [{ var: 'birthDate' }, TODAY] },
    { lateOnset: [{ var: 'onsetDate' }] },
    { and: [fever, { empty: [{ var: 'imaging' }] }] },
  ];
}

export function run() {
  const ours = compileOurs();
  const native = nativeRules();
  const logic = jsonLogicRules();
  const scope = scopeFromObject(INPUT);

  // The three must agree before their speed means anything.
  const expected = native.map((rule) => rule(INPUT));
  const fromOurs = ours.map((rule) => rule.evaluate(scope, CONTEXT));
  const fromLogic = logic.map((rule) => Boolean(jsonLogic.apply(rule, INPUT)));
  fromOurs.forEach((value, i) => {
    if (isFault(value) || value !== expected[i] || fromLogic[i] !== expected[i]) {
      throw new Error(
        `rule ${Object.keys(RULES)[i]} disagrees: ours ${JSON.stringify(value)}, native ${expected[i]}, json-logic ${fromLogic[i]}`,
      );
    }
  });

  const evalAll = (rules, apply) => () => {
    let trues = 0;
    for (const rule of rules) if (apply(rule) === true) trues++;
    return trues;
  };
  const { ns, ratioToFirst } = pairedMedians(
    [
      evalAll(native, (rule) => rule(INPUT)),
      evalAll(ours, (rule) => rule.evaluate(scope, CONTEXT)),
      evalAll(logic, (rule) => Boolean(jsonLogic.apply(rule, INPUT))),
    ],
    { iterations: 10_000 },
  );
  const [nativeNs, oursNs, logicNs] = ns;
  const oursRatio = ratioToFirst[1];
  const logicSpeedup = ratioToFirst[2] / ratioToFirst[1];
  console.log(
    `  ${ours.length} rules of the patient visit report, median time to evaluate all of them:`,
  );
  console.log(`    hand-written closures  ${formatNs(nativeNs)}`);
  console.log(`    compiled expressions   ${formatNs(oursNs)}`);
  console.log(`    json-logic-js          ${formatNs(logicNs)}`);
  console.log('  ratios are medians of per-sample ratios (interleaved samples):');
  const a = report(
    'ours / hand-written closure',
    `${oursRatio.toFixed(2)}×`,
    '≤ 2×',
    oursRatio <= 2,
  );
  const b = report(
    'json-logic-js / ours (speed-up)',
    `${logicSpeedup.toFixed(1)}×`,
    '≥ 5×',
    logicSpeedup >= 5,
  );
  return a && b;
}
