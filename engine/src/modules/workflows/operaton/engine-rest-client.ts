import { Inject, Injectable, Optional } from '@nestjs/common';
import { AppConfig } from '../../../config';

/** Milliseconds a single engine-rest call may take; overridable for tests with this token. */
export const ENGINE_REST_TIMEOUT_MS = Symbol('ENGINE_REST_TIMEOUT_MS');
const DEFAULT_TIMEOUT_MS = 10_000;

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface RestCall {
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** Sent as `application/json`. */
  readonly json?: unknown;
  /** Sent as `multipart/form-data` (fetch sets the boundary). */
  readonly form?: FormData;
}

/**
 * engine-rest answered with an error (`status`, its `{ type, message }`), or could not be
 * reached (`status` null). The message never carries request bodies; quoted parts of the
 * engine's message (where engine-rest echoes values) are elided.
 */
export class OperatonRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number | null,
    readonly type: string | null,
    readonly engineMessage: string,
  ) {
    super(
      `Operaton ${method} ${path} → ${status ?? 'unreachable'}${type ? ` ${type}` : ''}: ${elideQuoted(engineMessage)}`,
    );
    this.name = 'OperatonRequestError';
  }

  /** engine-rest's answer for a user task that does not exist (500 on Camunda 7, 404 on some versions). */
  get isMissingTask(): boolean {
    return (
      (this.status === 404 || this.status === 500) &&
      /cannot find task|task is null|no task found/i.test(this.engineMessage)
    );
  }
}

/** Drops quoted parts of an engine message: engine-rest quotes the values it could not use. */
export function elideQuoted(message: string): string {
  return message
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .slice(0, 300);
}

function queryString(query: RestCall['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    params.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * engine-rest over Node's fetch: JSON in and out, a timeout on every call, errors mapped to
 * `OperatonRequestError`. Ids in paths are URI-encoded by the callers' `path` helper below.
 */
@Injectable()
export class EngineRestClient {
  readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(config: AppConfig, @Optional() @Inject(ENGINE_REST_TIMEOUT_MS) timeoutMs?: number) {
    const url = config.workflows.operatonUrl;
    if (url === undefined || url === '') {
      throw new Error('SENTINEL_OPERATON_URL must be set when SENTINEL_WORKFLOW_RUNTIME=operaton');
    }
    this.baseUrl = url.replace(/\/+$/, '');
    this.timeoutMs = timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  get<T>(path: string, query?: RestCall['query']): Promise<T> {
    return this.call<T>('GET', path, { query });
  }

  /** GET that answers null on 404 (a resource that does not, or no longer, exist). */
  async find<T>(path: string, query?: RestCall['query']): Promise<T | null> {
    try {
      return await this.get<T>(path, query);
    } catch (error) {
      if (error instanceof OperatonRequestError && error.status === 404) return null;
      throw error;
    }
  }

  post<T>(path: string, call: RestCall = {}): Promise<T> {
    return this.call<T>('POST', path, call);
  }

  put<T>(path: string, call: RestCall = {}): Promise<T> {
    return this.call<T>('PUT', path, call);
  }

  private async call<T>(method: string, path: string, call: RestCall): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    let body: string | FormData | undefined;
    if (call.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.form !== undefined) {
      body = call.form;
    }
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}${queryString(call.query)}`, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new OperatonRequestError(
        method,
        path,
        null,
        timedOut ? 'Timeout' : 'NetworkError',
        timedOut ? `no answer within ${this.timeoutMs} ms` : (error as Error).message,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      let type: string | null = null;
      let message = text.slice(0, 300);
      try {
        const parsed = JSON.parse(text) as { type?: unknown; message?: unknown };
        type = typeof parsed.type === 'string' ? parsed.type : null;
        message = typeof parsed.message === 'string' ? parsed.message : message;
      } catch {
        // Not engine-rest's JSON error body (a proxy page, say): keep the text's start.
      }
      throw new OperatonRequestError(method, path, response.status, type, message);
    }
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}

/** Builds a path from literal segments and URI-encoded ids: restPath`/task/${id}/complete`. */
export function restPath(strings: TemplateStringsArray, ...ids: readonly string[]): string {
  return strings.reduce(
    (path, part, index) =>
      path + part + (index < ids.length ? encodeURIComponent(ids[index] ?? '') : ''),
    '',
  );
}
