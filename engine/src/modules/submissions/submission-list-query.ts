import { ApiError, type ErrorDetail } from '../../common/errors';
import type { SubmissionStatus } from './submission.types';

/** The list's status filter: 全部 (pending and reported), 待处理, 已上报, or drafts. */
export const LIST_STATUSES = ['all', 'pending', 'reported', 'draft'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

/** Validated list parameters. */
export interface ListParameters {
  readonly formKey?: string;
  readonly statuses: readonly SubmissionStatus[];
  readonly from?: Date;
  readonly until?: Date;
  readonly reporterId?: string;
  readonly flag?: string;
  readonly page: number;
  readonly pageSize: number;
  readonly unmask: boolean;
}

const FORM_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** A derived key becomes part of a stored path, so only a plain identifier is accepted. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Calendar dates are China Standard Time days. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

const STATUSES_OF: Readonly<Record<ListStatus, readonly SubmissionStatus[]>> = {
  all: ['pending', 'reported'],
  pending: ['pending'],
  reported: ['reported'],
  draft: ['draft'],
};

const KNOWN = new Set([
  'form',
  'status',
  'from',
  'to',
  'reporter',
  'flag',
  'page',
  'pageSize',
  'unmask',
]);

function problem(name: string, zh: string, en: string): ErrorDetail {
  const path = `/query/${name}`;
  return {
    path,
    code: 'INVALID_QUERY_VALUE',
    message: { zh: `${path}：${zh}`, en: `${path}: ${en}` },
  };
}

/** Start of a China day, or an exact instant; null if neither. */
function parseMoment(text: string): { at: Date; day: boolean } | null {
  const date = DATE.exec(text);
  if (date !== null) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const utc = Date.UTC(y, m - 1, d);
    const check = new Date(utc);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
      return null;
    return { at: new Date(utc - CHINA_OFFSET_MS), day: true };
  }
  if (!INSTANT.test(text)) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : { at, day: false };
}

function parsePositive(text: string, max: number): number | null {
  if (!/^\d{1,6}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= max ? n : null;
}

/**
 * Parses `GET /submissions` query parameters, collecting every problem as a 400 whose paths
 * are `/query/<name>`. Unknown parameters are refused, like unknown body fields.
 */
export function parseListQuery(query: Readonly<Record<string, unknown>>): ListParameters {
  const problems: ErrorDetail[] = [];
  const text = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      problems.push(problem(name, '只能出现一次且为文本', 'must be given once, as text'));
      return undefined;
    }
    return value;
  };
  problems.push(...unknownParameters(query, KNOWN));

  const form = text('form');
  if (form !== undefined && !FORM_KEY.test(form))
    problems.push(problem('form', '表单标识格式不正确', 'not a form key'));
  const status = text('status') ?? 'all';
  const statuses = (LIST_STATUSES as readonly string[]).includes(status)
    ? STATUSES_OF[status as ListStatus]
    : null;
  if (statuses === null) {
    problems.push(
      problem(
        'status',
        `须为 ${LIST_STATUSES.join(' / ')} 之一`,
        `must be one of ${LIST_STATUSES.join(', ')}`,
      ),
    );
  }
  const fromText = text('from');
  const from = fromText === undefined ? undefined : parseMoment(fromText);
  if (from === null)
    problems.push(
      problem(
        'from',
        '须为日期 YYYY-MM-DD 或带时区的时间',
        'must be a YYYY-MM-DD date or an ISO instant with offset',
      ),
    );
  const toText = text('to');
  const to = toText === undefined ? undefined : parseMoment(toText);
  if (to === null)
    problems.push(
      problem(
        'to',
        '须为日期 YYYY-MM-DD 或带时区的时间',
        'must be a YYYY-MM-DD date or an ISO instant with offset',
      ),
    );
  // `to` is inclusive: a whole day up to its end, or the instant itself.
  const until = to ? new Date(to.at.getTime() + (to.day ? DAY_MS : 1)) : undefined;
  if (from && until && from.at >= until)
    problems.push(problem('to', '不能早于开始日期', 'must not be before from'));
  const reporter = text('reporter');
  if (reporter !== undefined && !USER_ID.test(reporter))
    problems.push(problem('reporter', '用户标识格式不正确', 'not a user id'));
  const flag = text('flag');
  if (flag !== undefined && !IDENTIFIER.test(flag))
    problems.push(problem('flag', '须为派生值的标识', 'must be a derived value key'));
  const pageText = text('page');
  const page = pageText === undefined ? 1 : parsePositive(pageText, 1_000_000);
  if (page === null)
    problems.push(problem('page', '须为正整数', 'must be a positive whole number'));
  const sizeText = text('pageSize');
  const pageSize =
    sizeText === undefined ? DEFAULT_PAGE_SIZE : parsePositive(sizeText, MAX_PAGE_SIZE);
  if (pageSize === null)
    problems.push(
      problem(
        'pageSize',
        `须为 1–${MAX_PAGE_SIZE} 的整数`,
        `must be a whole number from 1 to ${MAX_PAGE_SIZE}`,
      ),
    );
  const unmask = parseUnmask(text('unmask'), problems);

  if (problems.length > 0 || statuses === null || page === null || pageSize === null) {
    throw new ApiError(400, 'INVALID_QUERY', problems);
  }
  return {
    ...(form === undefined ? {} : { formKey: form }),
    statuses,
    ...(from ? { from: from.at } : {}),
    ...(until ? { until } : {}),
    ...(reporter === undefined ? {} : { reporterId: reporter }),
    ...(flag === undefined ? {} : { flag }),
    page,
    pageSize,
    unmask,
  };
}

/** `unmask=true|false` (absent = false); anything else is a problem at `/query/unmask`. */
function parseUnmask(value: unknown, problems: ErrorDetail[]): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  problems.push(problem('unmask', '须为 true 或 false', 'must be true or false'));
  return false;
}

function unknownParameters(
  query: Readonly<Record<string, unknown>>,
  known: ReadonlySet<string>,
): ErrorDetail[] {
  return Object.keys(query)
    .filter((name) => !known.has(name))
    .map((name) => problem(name, '不支持的查询参数', 'unknown query parameter'));
}

/** `GET /submissions/:id`: only `unmask`. */
export function parseDetailQuery(query: Readonly<Record<string, unknown>>): {
  readonly unmask: boolean;
} {
  const problems = unknownParameters(query, new Set(['unmask']));
  const unmask = parseUnmask(query['unmask'], problems);
  if (problems.length > 0) throw new ApiError(400, 'INVALID_QUERY', problems);
  return { unmask };
}

/** `GET /patients/search`: `q`, 1–64 characters of text (a name, phone or ID number). */
export function parseSearchQuery(query: Readonly<Record<string, unknown>>): { readonly q: string } {
  const problems = unknownParameters(query, new Set(['q']));
  const value = query['q'];
  const q = typeof value === 'string' ? value.trim() : '';
  if (q.length === 0 || q.length > 64) {
    problems.push(
      problem(
        'q',
        '请输入 1–64 个字符的姓名、手机号或证件号',
        'give a name, phone or ID number of 1–64 characters',
      ),
    );
  }
  if (problems.length > 0) throw new ApiError(400, 'INVALID_QUERY', problems);
  return { q };
}
