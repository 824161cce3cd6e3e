import { ApiError, type ErrorDetail } from '../../common/errors';
import { SUBMISSION_STATUSES, type SubmissionStatus } from './submission.types';

/** What `POST /forms/:key/submissions` accepts, checked. */
export interface CreateSubmissionBody {
  readonly formVersion?: number;
  readonly status?: SubmissionStatus;
  readonly institutionId?: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** What `PATCH /submissions/:id` accepts, checked. */
export interface UpdateSubmissionBody {
  readonly status?: SubmissionStatus;
  readonly values?: Readonly<Record<string, unknown>>;
}

const INSTITUTION_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_VERSION = 1_000_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function problem(path: string, code: string, zh: string, en: string): ErrorDetail {
  return { path, code, message: { zh: `${path}：${zh}`, en: `${path}: ${en}` } };
}

/**
 * Checks the envelope around the values (the values themselves are the validator's job) and
 * answers like the global ValidationPipe: 400 VALIDATION_FAILED, one entry per problem with its
 * path, unknown properties refused. Written by hand because the report's values are an open
 * record that class-transformer would deep-copy on every submission, the hottest path there is.
 */
function parseEnvelope(
  body: unknown,
  allowed: ReadonlySet<string>,
  valuesRequired: boolean,
): { problems: ErrorDetail[]; body: Record<string, unknown> } {
  if (!isRecord(body)) {
    return {
      problems: [problem('', 'isObject', '请求体须为 JSON 对象', 'the body must be a JSON object')],
      body: {},
    };
  }
  const problems: ErrorDetail[] = [];
  for (const key of Object.keys(body)) {
    if (!allowed.has(key)) {
      problems.push(
        problem(
          `/${key}`,
          'whitelistValidation',
          '不允许的字段',
          `property ${key} should not exist`,
        ),
      );
    }
  }
  const status = body['status'];
  if (status !== undefined && !(SUBMISSION_STATUSES as readonly unknown[]).includes(status)) {
    problems.push(
      problem(
        '/status',
        'isIn',
        '不在允许的取值中',
        `status must be one of: ${SUBMISSION_STATUSES.join(', ')}`,
      ),
    );
  }
  const values = body['values'];
  if ((valuesRequired || values !== undefined) && !isRecord(values)) {
    problems.push(
      problem('/values', 'isObject', '应为对象（字段标识 → 值）', 'values must be an object'),
    );
  }
  return { problems, body };
}

function refuseIfAny(problems: readonly ErrorDetail[]): void {
  if (problems.length > 0) throw new ApiError(400, 'VALIDATION_FAILED', problems);
}

const CREATE_KEYS: ReadonlySet<string> = new Set([
  'formVersion',
  'status',
  'institutionId',
  'values',
]);
const UPDATE_KEYS: ReadonlySet<string> = new Set(['status', 'values']);

export function parseCreateBody(raw: unknown): CreateSubmissionBody {
  const { problems, body } = parseEnvelope(raw, CREATE_KEYS, true);
  const formVersion = body['formVersion'];
  if (
    formVersion !== undefined &&
    !(
      Number.isInteger(formVersion) &&
      (formVersion as number) >= 1 &&
      (formVersion as number) <= MAX_VERSION
    )
  ) {
    problems.push(
      problem('/formVersion', 'isInt', '应为正整数', 'formVersion must be a positive whole number'),
    );
  }
  const institutionId = body['institutionId'];
  if (
    institutionId !== undefined &&
    !(typeof institutionId === 'string' && INSTITUTION_ID.test(institutionId))
  ) {
    problems.push(
      problem('/institutionId', 'matches', '格式不正确', 'institutionId is not an institution id'),
    );
  }
  refuseIfAny(problems);
  return body as unknown as CreateSubmissionBody;
}

export function parseUpdateBody(raw: unknown): UpdateSubmissionBody {
  const { problems, body } = parseEnvelope(raw, UPDATE_KEYS, false);
  refuseIfAny(problems);
  return body as UpdateSubmissionBody;
}
