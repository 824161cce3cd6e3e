import type { ProvinceConfig } from '../../config';
import { interopErrors } from './interop-errors';

/**
 * Everything the province issues to an integrating institution (seed 002, 6.1), with the
 * variable each comes from. `callSysCode` (集成方代码) is part of every retrieval parameter.
 */
const VARIABLES = {
  authUrl: 'SENTINEL_PROVINCE_AUTH_URL',
  recordUrl: 'SENTINEL_PROVINCE_RECORD_URL',
  paasId: 'SENTINEL_PROVINCE_PAAS_ID',
  paasToken: 'SENTINEL_PROVINCE_PAAS_TOKEN',
  sm4Key: 'SENTINEL_PROVINCE_SM4_KEY',
  appId: 'SENTINEL_PROVINCE_APP_ID',
  orgCode: 'SENTINEL_PROVINCE_ORG_CODE',
  orgName: 'SENTINEL_PROVINCE_ORG_NAME',
  callSysCode: 'SENTINEL_PROVINCE_CALL_SYS_CODE',
} as const;
export type ProvinceSetting = keyof typeof VARIABLES;

/** What the authorisation call needs. */
export const AUTHORISATION_SETTINGS = [
  'authUrl',
  'paasId',
  'paasToken',
  'sm4Key',
  'appId',
  'orgCode',
  'orgName',
] as const satisfies readonly ProvinceSetting[];

/** What building a retrieval address needs. */
export const RETRIEVAL_SETTINGS = [
  'recordUrl',
  'sm4Key',
  'appId',
  'orgCode',
  'callSysCode',
] as const satisfies readonly ProvinceSetting[];

/**
 * The named settings, or 503 INTEROP_NOT_CONFIGURED listing the variables to set. Read on each
 * call (configuration is parsed once at boot, so this is a lookup, not a re-read).
 */
export function requireSettings<const K extends ProvinceSetting>(
  province: ProvinceConfig,
  names: readonly K[],
): Readonly<Record<K, string>> {
  const values: Partial<Record<ProvinceSetting, string>> = province;
  const missing = names.filter((name) => !values[name]);
  if (missing.length > 0) throw interopErrors.notConfigured(missing.map((n) => VARIABLES[n]));
  return Object.fromEntries(names.map((name) => [name, values[name]])) as Record<K, string>;
}
