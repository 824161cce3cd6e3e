import type { Request, Response } from 'express';
import { ApiError } from '../errors';
import { hostileInputMiddleware } from './hostile-input.middleware';

function run(req: Partial<Request>): unknown {
  let passed: unknown = 'not called';
  hostileInputMiddleware()(req as Request, {} as Response, (error?: unknown) => {
    passed = error;
  });
  return passed;
}

describe('hostileInputMiddleware', () => {
  it('given a clean query and body, when run, then next() gets no error', () => {
    expect(run({ query: { q: 'x' }, body: { a: [1, 2] } })).toBeUndefined();
  });

  it('given a hostile query, when run, then next() gets a 400 ApiError with the path', () => {
    const error = run({ query: { 'q[$ne]': 'x' }, body: undefined });

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).getStatus()).toBe(400);
    expect((error as ApiError).getResponse()).toMatchObject({
      statusCode: 400,
      error: 'FORBIDDEN_QUERY_KEY',
      errors: [{ path: '/q[$ne]', code: 'FORBIDDEN_QUERY_KEY' }],
    });
  });

  const wide = { definition: { items: Array.from({ length: 800 }, (_, i) => ({ key: `f${i}` })) } };

  it('given 1,600 values in a report body, when run, then BODY_TOO_MANY_FIELDS', () => {
    const error = run({ method: 'POST', path: '/api/forms/x/submissions', query: {}, body: wide });

    expect((error as ApiError).getResponse()).toMatchObject({ error: 'BODY_TOO_MANY_FIELDS' });
  });

  it('given the same values in a definition draft save, when run, then it passes', () => {
    expect(
      run({ method: 'PUT', path: '/api/admin/forms/x/draft', query: {}, body: wide }),
    ).toBeUndefined();
  });

  it('given a definition draft with a __proto__ key, when run, then still FORBIDDEN_KEY', () => {
    const body = JSON.parse('{"definition":{"__proto__":{"x":1}}}') as unknown;
    const error = run({ method: 'PUT', path: '/api/admin/forms/x/draft', query: {}, body });

    expect((error as ApiError).getResponse()).toMatchObject({ error: 'FORBIDDEN_KEY' });
  });

  it('given a body with a constructor key, when run, then next() gets FORBIDDEN_KEY', () => {
    const error = run({ query: {}, body: JSON.parse('{"constructor":{"prototype":{"x":1}}}') });

    expect((error as ApiError).getResponse()).toMatchObject({
      error: 'FORBIDDEN_KEY',
      errors: [{ path: '/constructor' }],
    });
  });
});
