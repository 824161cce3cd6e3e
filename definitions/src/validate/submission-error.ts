import type { LocalizedText } from '../types/common.types';

/** One reason a submission is refused (or, for warnings, flagged), located by JSON pointer. */
export interface SubmissionIssue {
  /** JSON pointer into the submission, `''` for the whole submission. */
  readonly path: string;
  /** Stable machine code, e.g. `required`, `unknown-field`, `id-check-digit`. */
  readonly code: string;
  readonly message: LocalizedText;
}

/** Placeholders in messages are `{name}`, filled from a field's limits. */
const MESSAGES: Readonly<Record<string, LocalizedText>> = {
  required: { zh: '此项为必填项', en: 'This field is required' },
  'unknown-field': { zh: '表单中没有此项', en: 'This field is not part of the form' },
  'forbidden-key': { zh: '不允许的属性名', en: 'Forbidden property name' },
  'too-deep': { zh: '数据嵌套过深', en: 'Data nested too deeply' },
  'too-large': { zh: '数据项过多', en: 'Too many values' },
  'not-an-object': { zh: '提交内容必须是对象', en: 'The submission must be an object' },
  'wrong-type': { zh: '取值类型不正确', en: 'Wrong type of value' },
  'too-short': { zh: '长度不能少于 {min}', en: 'Must be at least {min} long' },
  'too-long': { zh: '长度不能超过 {max}', en: 'Must be at most {max} long' },
  'pattern-mismatch': { zh: '格式不正确', en: 'Wrong format' },
  'below-minimum': { zh: '不能小于 {min}', en: 'Must be at least {min}' },
  'above-maximum': { zh: '不能大于 {max}', en: 'Must be at most {max}' },
  'too-precise': { zh: '最多 {precision} 位小数', en: 'At most {precision} decimal places' },
  'not-integer': { zh: '必须是整数', en: 'Must be a whole number' },
  'invalid-date': { zh: '日期无效', en: 'Invalid date' },
  'invalid-datetime': { zh: '时间无效', en: 'Invalid date and time' },
  'in-future': { zh: '不能晚于当前时间', en: 'Must not be in the future' },
  'unknown-option': { zh: '选项不存在', en: 'Unknown option' },
  'disabled-option': { zh: '该选项已停用', en: 'This option is no longer available' },
  'option-not-allowed': { zh: '当前条件下不能选择此项', en: 'This option is not allowed here' },
  'duplicate-option': { zh: '选项重复', en: 'Option chosen twice' },
  'exclusive-option': { zh: '此选项不能与其他选项同时选择', en: 'This option excludes all others' },
  'too-few-items': { zh: '至少选择 {min} 项', en: 'Choose at least {min}' },
  'too-many-items': { zh: '最多选择 {max} 项', en: 'Choose at most {max}' },
  'region-too-coarse': { zh: '请选择到更细一级的行政区划', en: 'Choose a more detailed region' },
  'invalid-phone': { zh: '手机号码格式不正确', en: 'Invalid mobile phone number' },
  'id-format': { zh: '证件号码格式不正确', en: 'Invalid ID number format' },
  'id-birth-date': { zh: '身份证号中的出生日期无效', en: 'Invalid birth date in the ID number' },
  'id-check-digit': { zh: '身份证号校验位错误', en: 'Wrong check digit in the ID number' },
  'id-birth-date-mismatch': {
    zh: '出生日期与身份证号不一致',
    en: 'Birth date does not match the ID number',
  },
  'id-gender-mismatch': { zh: '性别与身份证号不一致', en: 'Gender does not match the ID number' },
  'invalid-file-id': { zh: '文件标识无效', en: 'Invalid file id' },
  'too-few-rows': { zh: '至少填写 {min} 行', en: 'At least {min} rows' },
  'too-many-rows': { zh: '最多填写 {max} 行', en: 'At most {max} rows' },
  'expression-fault': { zh: '规则计算出错', en: 'A rule could not be evaluated' },
  'invalid-parameter': { zh: '参数取值无效', en: 'Invalid parameter value' },
};

/** The bilingual message for a code, with `{name}` placeholders filled in. */
export function messageFor(
  code: string,
  params?: Readonly<Record<string, string | number>>,
): LocalizedText {
  const template = MESSAGES[code] ?? { zh: code, en: code };
  if (params === undefined) return template;
  const fill = (text: string): string =>
    text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
  return { zh: fill(template.zh), en: fill(template.en) };
}
