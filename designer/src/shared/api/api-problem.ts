import type { LocalizedText } from '../i18n/messages';

/** One reason the engine gave, with the JSON pointer of the input it is about. */
export interface ProblemDetail {
  readonly path: string;
  readonly code: string;
  readonly message: LocalizedText;
}

/**
 * A refused or failed call, carrying the engine's own `{zh, en}` messages so the screen shows
 * exactly what the engine said. Status 0 means the engine was not reached at all.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly details: readonly ProblemDetail[],
  ) {
    super(`${status} ${code}: ${details.map((d) => d.message.en ?? d.message.zh).join('; ')}`);
    this.name = 'ApiProblem';
  }

  /** The messages about one input (e.g. `/values/feverThreshold`), or about the whole request. */
  messagesAt(path: string): readonly LocalizedText[] {
    return this.details.filter((d) => d.path === path).map((d) => d.message);
  }
}

const NETWORK: LocalizedText = {
  zh: '无法连接服务器，请检查网络后重试',
  en: 'The server cannot be reached; check the network and try again',
};

function isText(value: unknown): value is LocalizedText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { zh?: unknown }).zh === 'string'
  );
}

/** An ApiProblem from an error answer; a body not shaped like the engine's becomes one detail. */
export function problemFrom(status: number, body: unknown): ApiProblem {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const code = typeof b['error'] === 'string' ? b['error'] : `HTTP_${status}`;
  const details = (Array.isArray(b['errors']) ? b['errors'] : []).flatMap(
    (e: unknown): ProblemDetail[] => {
      const d = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
      return isText(d['message'])
        ? [
            {
              path: typeof d['path'] === 'string' ? d['path'] : '',
              code: typeof d['code'] === 'string' ? d['code'] : code,
              message: d['message'],
            },
          ]
        : [];
    },
  );
  if (details.length === 0)
    details.push({
      path: '',
      code,
      message: { zh: `请求失败（${status}）`, en: `Failed (${status})` },
    });
  return new ApiProblem(status, code, details);
}

/** The problem to show when fetch itself failed (offline, engine down). */
export function networkProblem(): ApiProblem {
  return new ApiProblem(0, 'NETWORK', [{ path: '', code: 'NETWORK', message: NETWORK }]);
}

/** What to show for any thrown value: the engine's messages, or a generic one. */
export function messagesOf(error: unknown): readonly LocalizedText[] {
  if (error instanceof ApiProblem) return error.details.map((d) => d.message);
  return [{ zh: '出现意外错误，请刷新页面后重试', en: 'Something went wrong; reload the page' }];
}
