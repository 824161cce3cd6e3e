import type { Locale } from '../../shared/i18n/messages';

/** The roles of engine/src/common/auth/roles.ts as people call them. */
const ROLE_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  clinic_admin: { zh: '诊所管理员', en: 'clinic admin' },
  doctor: { zh: '医生', en: 'doctor' },
  nurse: { zh: '护士', en: 'nurse' },
  front_desk: { zh: '前台', en: 'front desk' },
  pharmacist: { zh: '药师', en: 'pharmacist' },
  district_reviewer: { zh: '区级审核员', en: 'district reviewer' },
  city_regulator: { zh: '市级监管', en: 'city regulator' },
  province_admin: { zh: '省级管理员', en: 'province admin' },
  insurance_reviewer: { zh: '医保审核员', en: 'insurance reviewer' },
  epidemic_handler: { zh: '疫情处置人员', en: 'epidemic handler' },
  fever_clinic: { zh: '发热门诊', en: 'fever clinic' },
  policy_editor: { zh: '政策编辑', en: 'policy editor' },
  patient: { zh: '患者', en: 'patient' },
};

/** A role's name in the chosen language; an unknown role shows as its code. */
export function roleName(role: string, locale: Locale): string {
  return ROLE_NAMES[role]?.[locale] ?? role;
}
