import { ApiError } from '../../common/errors';
import type { InstitutionStatus } from '../institutions';

const GENERIC_NOT_APPROVED = {
  zh: '机构资质尚未审核通过（或已暂停），暂不能上报',
  en: 'The institution is not approved (or is suspended) and cannot report',
} as const;

/** Why an institution may not file a form, in words the clinic can act on. */
const NOT_APPROVED: Readonly<
  Partial<Record<InstitutionStatus, { readonly zh: string; readonly en: string }>>
> = {
  pending: {
    zh: '机构资质尚在审核中，审核通过后才能上报此表单（资质材料可先行提交）',
    en: 'The institution is still under review: it may file this form once approved (its qualification documents may be filed now)',
  },
  rejected: {
    zh: '机构资质审核未通过，请重新提交资质材料，审核通过后才能上报此表单',
    en: 'The institution was not approved: resubmit its qualification documents; this form may be filed once approved',
  },
  suspended: {
    zh: '机构已被暂停，暂不能上报',
    en: 'The institution is suspended and cannot file reports',
  },
};

/** Every refusal of the submissions module, in the one error shape with both languages. */
export const SubmissionErrors = {
  formNotFound: (key: string) =>
    ApiError.single(404, 'FORM_NOT_FOUND', '', {
      zh: `没有已发布的表单 "${key}"`,
      en: `No published form "${key}"`,
    }),
  formVersionNotFound: (key: string, version: number) =>
    ApiError.single(404, 'FORM_VERSION_NOT_FOUND', '/formVersion', {
      zh: `表单 "${key}" 没有第 ${version} 版`,
      en: `Form "${key}" has no version ${version}`,
    }),
  notAllowedToReport: () =>
    ApiError.single(403, 'FORBIDDEN', '', {
      zh: '只有机构医护人员或预填信息的患者可以上报',
      en: 'Only clinic staff, or patients pre-filling a report, may submit',
    }),
  notOwnInstitution: () =>
    ApiError.single(403, 'INSTITUTION_NOT_OWN', '/institutionId', {
      zh: '只能为本机构上报',
      en: 'Staff may only report for their own institution',
    }),
  institutionRequired: () =>
    ApiError.single(422, 'INSTITUTION_REQUIRED', '/institutionId', {
      zh: '请选择要就诊的机构',
      en: 'Name the institution the report is for',
    }),
  institutionNotFound: () =>
    ApiError.single(422, 'INSTITUTION_NOT_FOUND', '/institutionId', {
      zh: '机构不存在',
      en: 'No such institution',
    }),
  institutionNotApproved: (path: string, status?: InstitutionStatus) =>
    ApiError.single(
      403,
      'INSTITUTION_NOT_APPROVED',
      path,
      (status === undefined ? undefined : NOT_APPROVED[status]) ?? GENERIC_NOT_APPROVED,
    ),
  patientMayOnlyPrefill: () =>
    ApiError.single(403, 'PATIENT_STATUS_FORBIDDEN', '/status', {
      zh: '患者只能预填待处理的报告',
      en: 'Patients may only pre-fill pending reports',
    }),
  unsafeKey: (path: string) =>
    ApiError.single(400, 'UNSAFE_KEY', path, {
      zh: `字段名不能以 $ 开头或包含 "."（${path}）`,
      en: `Keys may not start with $ or contain "." (${path})`,
    }),
  submissionNotFound: () =>
    ApiError.single(404, 'SUBMISSION_NOT_FOUND', '', {
      zh: '报告不存在',
      en: 'No such report',
    }),
  alreadyReported: () =>
    ApiError.single(409, 'SUBMISSION_ALREADY_REPORTED', '/status', {
      zh: '报告已上报，不能再修改',
      en: 'The report was already reported and can no longer be changed',
    }),
  transitionRefused: (from: string, to: string) =>
    ApiError.single(422, 'STATUS_TRANSITION_REFUSED', '/status', {
      zh: `报告不能从 ${from} 改为 ${to}`,
      en: `A report cannot go from ${from} to ${to}`,
    }),
  changedMeanwhile: () =>
    ApiError.single(409, 'SUBMISSION_CHANGED', '', {
      zh: '报告已被他人修改，请刷新后重试',
      en: 'The report was changed by someone else; reload and retry',
    }),
  integrityFailed: () =>
    ApiError.single(409, 'SUBMISSION_INTEGRITY_FAILED', '', {
      zh: '报告中的个人信息校验失败（可能被篡改），不能修改；已记录审计',
      en: 'Personal data in this report failed its integrity check (possibly tampered) and cannot be edited; audited',
    }),
  unmaskForbidden: () =>
    ApiError.single(403, 'UNMASK_FORBIDDEN', '/query/unmask', {
      zh: '没有查看未脱敏个人信息的权限',
      en: 'You may not read personal data unmasked',
    }),
} as const;
