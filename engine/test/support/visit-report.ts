/**
 * The province's sample patient (seed 000) as the 信息上报 form expects it, shared by the HTTP
 * tests that file reports: a valid ID number whose birth date and gender agree.
 */
export const VISIT_PATIENT = {
  patientName: '陈琛',
  idType: '01',
  idNumber: '362421199409180026',
  gender: '2',
  birthDate: '1994-09-18',
  phone: '13658582323',
  crowdCategory: '01',
  onsetDate: '2020-12-29',
  epidemiologicalHistory: ['none'],
  mainSymptoms: { cough: true, fever38: false },
} as const;

/** A complete report below any fever threshold: no address or referral needed. */
export function afebrileVisit(temperature = 36.8): Record<string, unknown> {
  return { ...VISIT_PATIENT, temperature };
}
