import type { IncomingMessage, ServerResponse } from 'node:http';
import { EngineRestError } from './engine-state';
import { MultipartError, parseMultipart, type FormPart } from './multipart';
import { VariableRequestError } from './typed-values';

/** What a route receives: path parameters, the query, and the parsed body. */
export interface RestRequest {
  readonly method: string;
  readonly path: string;
  readonly params: readonly string[];
  readonly query: URLSearchParams;
  /** Parsed JSON (`consumes: 'json'`), or undefined. */
  readonly json: unknown;
  /** Parts of a multipart body (`consumes: 'multipart'`). */
  readonly parts: readonly FormPart[];
}

export interface RestReply {
  readonly status: number;
  readonly body?: unknown;
}

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** Matched against the path below the engine-rest root; groups become `params`. */
  readonly pattern: RegExp;
  /** 'json' refuses any other Content-Type with 415 as JAX-RS does; 'optional-json' allows none. */
  readonly consumes: 'none' | 'json' | 'optional-json' | 'multipart';
  readonly handle: (request: RestRequest) => RestReply | Promise<RestReply>;
}

/** One request as the double received it, for contract assertions. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly contentType: string | undefined;
  /** JSON body, or `{ part name: text }` for multipart. */
  readonly body: unknown;
  readonly status: number;
}

/** A scripted failure for the next request matching `method` and `path`. */
export interface InjectedFault {
  readonly method: string;
  readonly path: RegExp;
  readonly status: number;
  readonly body?: unknown;
  /** Answer only after this long (to exercise client timeouts). */
  readonly delayMs?: number;
}

const errorBody = (type: string, message: string) => ({ type, message, code: null });

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseBody(
  route: Route,
  contentType: string | undefined,
  raw: Buffer,
): Pick<RestRequest, 'json' | 'parts'> {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (route.consumes === 'none' || (route.consumes === 'optional-json' && raw.length === 0)) {
    return { json: undefined, parts: [] };
  }
  if (route.consumes === 'multipart') {
    if (mediaType !== 'multipart/form-data' || contentType === undefined)
      throw unsupportedMediaType();
    try {
      return { json: undefined, parts: parseMultipart(contentType, raw) };
    } catch (error) {
      if (error instanceof MultipartError)
        throw new EngineRestError(400, 'InvalidRequestException', error.message);
      throw error;
    }
  }
  if (mediaType !== 'application/json') throw unsupportedMediaType();
  try {
    return { json: JSON.parse(raw.toString('utf8')) as unknown, parts: [] };
  } catch {
    throw new EngineRestError(
      400,
      'JsonParseException',
      'Unexpected character in the request body',
    );
  }
}

function unsupportedMediaType(): EngineRestError {
  return new EngineRestError(415, 'NotSupportedException', 'HTTP 415 Unsupported Media Type');
}

function send(response: ServerResponse, reply: RestReply): void {
  if (reply.body === undefined) {
    response.writeHead(reply.status).end();
    return;
  }
  // Exactly `application/json`: camunda-external-task-client-js compares the header verbatim.
  response
    .writeHead(reply.status, { 'Content-Type': 'application/json' })
    .end(JSON.stringify(reply.body));
}

/**
 * Routes requests under `root` to `routes`, records each one, answers engine-rest's error
 * format `{ type, message }`, and plays scripted faults first.
 */
export function createRequestListener(
  root: string,
  routes: readonly Route[],
  recorded: RecordedRequest[],
  faults: InjectedFault[],
) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://double');
    const method = request.method ?? 'GET';
    const contentType = request.headers['content-type'];
    const raw = await readBody(request);
    const path = url.pathname.startsWith(root) ? url.pathname.slice(root.length) : url.pathname;
    let reply: RestReply;
    let recordedBody: unknown;
    try {
      const faultIndex = faults.findIndex(
        (fault) => fault.method === method && fault.path.test(path),
      );
      const fault = faultIndex >= 0 ? faults.splice(faultIndex, 1)[0] : undefined;
      const route = routes.find(
        (candidate) => candidate.method === method && candidate.pattern.test(path),
      );
      if (!url.pathname.startsWith(root) || !route) {
        throw new EngineRestError(404, 'NotFoundException', 'HTTP 404 Not Found');
      }
      const body = parseBody(route, contentType, raw);
      recordedBody =
        body.json ??
        (body.parts.length > 0
          ? Object.fromEntries(body.parts.map((p) => [p.name, p.text]))
          : undefined);
      if (fault) {
        if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        reply = { status: fault.status, body: fault.body };
      } else {
        const params = (route.pattern.exec(path) ?? [])
          .slice(1)
          .map((param) => decodeURIComponent(param));
        reply = await route.handle({ method, path, params, query: url.searchParams, ...body });
      }
    } catch (error) {
      if (error instanceof EngineRestError)
        reply = { status: error.status, body: errorBody(error.type, error.message) };
      else if (error instanceof VariableRequestError)
        reply = { status: 400, body: errorBody('InvalidRequestException', error.message) };
      else
        reply = {
          status: 500,
          body: errorBody('ProcessEngineException', (error as Error).message),
        };
    }
    recorded.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      contentType,
      body: recordedBody,
      status: reply.status,
    });
    if (!response.destroyed) send(response, reply);
  };
}
