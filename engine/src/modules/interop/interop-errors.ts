import { ApiError } from '../../common/errors';

/** A description the province sent back, made safe to show (bounded, printable). */
function shown(text: string): string {
  return (
    text
      .replace(/\p{Cc}/gu, ' ')
      .trim()
      .slice(0, 200) || '(无说明 / none given)'
  );
}

export const interopErrors = {
  notConfigured: (missing: readonly string[]) =>
    ApiError.single(503, 'INTEROP_NOT_CONFIGURED', '', {
      zh: `未配置广东健康档案互通接口（缺少 ${missing.join('、')}）`,
      en: `The Guangdong health-record interface is not configured (missing ${missing.join(', ')})`,
    }),
  clinicOnly: () =>
    ApiError.single(403, 'CLINIC_STAFF_ONLY', '', {
      zh: '只有医疗机构人员可以调阅健康档案',
      en: 'Only staff of a medical institution may use the health-record interface',
    }),
  provinceRefused: (returnCode: string, returnDesc: string) =>
    ApiError.single(502, 'PROVINCE_REFUSED', '', {
      zh: `省平台拒绝了请求（returnCode ${shown(returnCode)}）：${shown(returnDesc)}`,
      en: `The province refused the request (returnCode ${shown(returnCode)}): ${shown(returnDesc)}`,
    }),
  provinceHttpError: (status: number, returnDesc: string | undefined) =>
    ApiError.single(502, 'PROVINCE_HTTP_ERROR', '', {
      zh: `省平台返回 HTTP ${status}${returnDesc === undefined ? '' : `：${shown(returnDesc)}`}`,
      en: `The province answered HTTP ${status}${returnDesc === undefined ? '' : `: ${shown(returnDesc)}`}`,
    }),
  provinceUnreachable: (reason: string) =>
    ApiError.single(502, 'PROVINCE_UNREACHABLE', '', {
      zh: `无法连接省平台：${shown(reason)}`,
      en: `The province could not be reached: ${shown(reason)}`,
    }),
  provinceMalformed: () =>
    ApiError.single(502, 'PROVINCE_BAD_ANSWER', '', {
      zh: '省平台的应答不是约定的 JSON 格式',
      en: 'The province answered with something other than the agreed JSON',
    }),
  authorisationRequired: () =>
    ApiError.single(403, 'AUTHORISATION_REQUIRED', '', {
      zh: '患者尚未授权本机构调阅其健康档案，请先发起授权',
      en: 'The patient has not authorised this institution to view their health record; request authorisation first',
    }),
  authorisationExpired: (days: number) =>
    ApiError.single(403, 'AUTHORISATION_EXPIRED', '', {
      zh: `患者的调阅授权已超过 ${days} 天有效期，请重新授权`,
      en: `The patient's authorisation is older than its ${days}-day validity; authorise again`,
    }),
  invalidIdNumber: (path: string) =>
    ApiError.single(400, 'INVALID_ID_NUMBER', path, {
      zh: '居民身份证号应为 18 位（末位可为 X）',
      en: 'A resident ID number has 18 characters (the last may be X)',
    }),
};
