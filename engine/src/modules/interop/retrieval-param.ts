import { sm4EcbEncryptHex } from '../../crypto';

/** The retrieval parameters in the order the seed's template lists them (9.3.2). */
export const RETRIEVAL_PARAM_NAMES = [
  'orgCode',
  'staffNo',
  'staffName',
  'cardType',
  'idcard',
  'patientName',
  'patientId',
  'callSysCode',
] as const;
export type RetrievalParamName = (typeof RETRIEVAL_PARAM_NAMES)[number];
export type RetrievalParams = Readonly<Record<RetrievalParamName, string>>;

/**
 * Characters a value may not hold: the template substitutes values unescaped, so `&` or `=`
 * would shift the province's parsing of every later parameter; controls have no business there.
 */
const UNSAFE_VALUE = /[&=\p{Cc}]/u;

/** True when the value can be placed in the template as is. */
export function isSafeParamValue(value: string): boolean {
  return !UNSAFE_VALUE.test(value);
}

/**
 * `orgCode=…&staffNo=…&…&callSysCode=…`: values substituted as they are, UTF-8, exactly like
 * the seed's example plaintext.
 * @throws RangeError naming the parameter whose value holds `&`, `=` or a control character
 */
export function retrievalPlaintext(params: RetrievalParams): string {
  return RETRIEVAL_PARAM_NAMES.map((name) => {
    const value = params[name];
    if (!isSafeParamValue(value)) {
      throw new RangeError(`retrieval parameter ${name} may not contain '&', '=' or controls`);
    }
    return `${name}=${value}`;
  }).join('&');
}

/**
 * The retrieval address: `<base>?param=<SM4-ECB(PKCS#7) hex of the plaintext>&appId=<appId>`.
 * The doctor's browser opens it; the engine never fetches it.
 */
export function retrievalUrl(
  baseUrl: string,
  sm4KeyHex: string,
  appId: string,
  params: RetrievalParams,
): string {
  const url = new URL(baseUrl);
  url.searchParams.set('param', sm4EcbEncryptHex(sm4KeyHex, retrievalPlaintext(params)));
  url.searchParams.set('appId', appId);
  return url.toString();
}
