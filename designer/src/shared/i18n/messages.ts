/** The designer's own words, in both languages; everything about a form comes from the engine. */
export const MESSAGES = {
  appTitle: { zh: '哨点监测 · 设计器', en: 'Sentinel · Designer' },
  language: { zh: 'English', en: '中文' },
  signInTitle: { zh: '登录设计器', en: 'Sign in to the designer' },
  signInHint: {
    zh: '使用监测平台账号登录（政策编辑、省级管理员）',
    en: 'Sign in with your platform account (policy editor, province admin)',
  },
  username: { zh: '用户名或手机号', en: 'Username or phone' },
  password: { zh: '密码', en: 'Password' },
  signIn: { zh: '登录', en: 'Sign in' },
  signOut: { zh: '退出登录', en: 'Sign out' },
  required: { zh: '请填写{field}', en: 'Enter the {field}' },
  networkError: {
    zh: '无法连接服务器，请检查网络后重试',
    en: 'The server cannot be reached; check the network and try again',
  },
  sessionExpired: { zh: '登录已过期，请重新登录', en: 'Your session has ended; sign in again' },
  notForRoleTitle: {
    zh: '这个控制台暂时只对政策编辑和省级管理员开放',
    en: 'This console is not for your role yet',
  },
  notForRoleBody: {
    zh: '您的账号（{roles}）可以在小程序或工作台中填报和处理业务。如需编辑表单或参数，请联系省级管理员。',
    en: 'Your account ({roles}) files and handles reports in the mini-app or the workbench. To edit forms or parameters, ask a province admin.',
  },
  menuForms: { zh: '表单', en: 'Forms' },
  menuParameters: { zh: '参数设置', en: 'Parameters' },
  formsTitle: { zh: '已发布的表单', en: 'Published forms' },
  formsHint: {
    zh: '点击表单名称查看各版本、手机预览和定义。',
    en: 'Open a form to see its versions, a phone preview and its definition.',
  },
  columnTitle: { zh: '表单名称', en: 'Form' },
  columnKey: { zh: '标识', en: 'Key' },
  columnVersion: { zh: '当前版本', en: 'Version in force' },
  columnPublishedAt: { zh: '发布时间', en: 'Published' },
  columnEffectiveFrom: { zh: '生效时间', en: 'In force from' },
  columnPublishedBy: { zh: '发布人', en: 'Published by' },
  versionLabel: { zh: '第 {version} 版', en: 'Version {version}' },
  inForce: { zh: '生效中', en: 'In force' },
  backToForms: { zh: '返回表单列表', en: 'Back to the forms' },
  tabPreview: { zh: '手机预览', en: 'Phone preview' },
  tabVersions: { zh: '版本', en: 'Versions' },
  tabDefinition: { zh: '定义（JSON）', en: 'Definition (JSON)' },
  previewHint: {
    zh: '按 390 像素手机宽度显示；规则随输入实时生效，预览中填写的内容不会提交。',
    en: 'Shown at a 390 px phone width; rules run as you type; nothing typed here is submitted.',
  },
  previewReset: { zh: '清空预览', en: 'Clear the preview' },
  previewParameters: { zh: '本版本参数：{values}', en: 'Parameters of this version: {values}' },
  previewUnavailable: {
    zh: '预览中不可用（手机端可用）',
    en: 'Not available in the preview (works on the phone)',
  },
  rulesTitle: { zh: '规则', en: 'Rules' },
  parametersTitle: { zh: '参数设置', en: 'Parameters' },
  parametersHint: {
    zh: '修改参数值后保存，将发布该表单的新版本（需通过表单自带的测试用例）。',
    en: 'Saving a value publishes a new version of its form (after the form’s own test cases pass).',
  },
  columnParameter: { zh: '参数', en: 'Parameter' },
  columnValue: { zh: '当前值', en: 'Current value' },
  columnLimits: { zh: '允许范围', en: 'Allowed range' },
  columnNewValue: { zh: '新值', en: 'New value' },
  columnHistory: { zh: '历史', en: 'History' },
  columnForm: { zh: '所属表单', en: 'Form' },
  limitsAny: { zh: '不限', en: 'Any' },
  save: { zh: '保存并发布', en: 'Save and publish' },
  published: {
    zh: '已发布“{form}”第 {version} 版',
    en: 'Published “{form}” version {version}',
  },
  loadHistory: { zh: '查看历史', en: 'Show history' },
  historyEntry: { zh: '第 {version} 版：{value}', en: 'v{version}: {value}' },
  noParameters: { zh: '没有可调整的参数', en: 'No parameters to adjust' },
  loading: { zh: '加载中…', en: 'Loading…' },
  loadFailed: { zh: '加载失败：{reason}', en: 'Could not load: {reason}' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
} as const;

export type MessageKey = keyof typeof MESSAGES;
export type Locale = 'zh' | 'en';

/** A `{zh, en}` text as the engine and the definitions carry it. */
export interface LocalizedText {
  readonly zh: string;
  readonly en?: string;
}

/** The text in the chosen language, Chinese when the English is missing or empty. */
export function pick(text: LocalizedText, locale: Locale): string {
  return locale === 'en' && text.en ? text.en : text.zh;
}

/** A designer string with `{name}` placeholders filled; unknown placeholders stay visible. */
export function translate(
  key: MessageKey,
  locale: Locale,
  values: Readonly<Record<string, string | number>> = {},
): string {
  return pick(MESSAGES[key], locale).replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}
