import { inspectBody } from './body-inspection';

/** `{ a: { a: ... } }` with `levels` objects. */
function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i += 1) value = { a: value };
  return value;
}

describe('inspectBody', () => {
  it('given an ordinary report body, then nothing is found', () => {
    expect(
      inspectBody({
        patient: { name: '张三', visits: [{ date: '2026-01-01' }] },
        ok: true,
        n: null,
      }),
    ).toBeUndefined();
  });

  it.each([
    ['{"__proto__":{"x":1}}', '/__proto__', '__proto__'],
    ['{"constructor":{"prototype":{"x":1}}}', '/constructor', 'constructor'],
    ['{"a":[{"b":{"prototype":1}}]}', '/a/0/b/prototype', 'prototype'],
  ])('given %s parsed by JSON.parse, then FORBIDDEN_KEY at %s', (json, path, key) => {
    const sut = inspectBody(JSON.parse(json));

    expect(sut).toEqual({
      path,
      code: 'FORBIDDEN_KEY',
      message: {
        zh: `请求体不允许使用字段名 "${key}"（${path}）`,
        en: `Key "${key}" is not allowed in a body (${path})`,
      },
    });
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('given 32 nested objects, then it is accepted; given 33, then BODY_TOO_DEEP at the 33rd', () => {
    expect(inspectBody(nested(32))).toBeUndefined();

    const sut = inspectBody(nested(33));

    expect(sut?.code).toBe('BODY_TOO_DEEP');
    expect(sut?.path).toBe(`/a`.repeat(32));
    expect(sut?.message.en).toBe(`Body nests deeper than 32 levels at ${'/a'.repeat(32)}`);
  });

  it('given nested arrays, then arrays count as levels too', () => {
    let value: unknown = 1;
    for (let i = 0; i < 33; i += 1) value = [value];
    expect(inspectBody(value)?.code).toBe('BODY_TOO_DEEP');
  });

  it('given 500 fields, then accepted; given 501 keys, then BODY_TOO_MANY_FIELDS naming the 501st', () => {
    const keys = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, i]));
    expect(inspectBody(keys(500))).toBeUndefined();

    const sut = inspectBody(keys(501));

    expect(sut).toMatchObject({ code: 'BODY_TOO_MANY_FIELDS', path: '/f500' });
    expect(sut?.message.en).toBe(
      'Body has more than 500 fields (keys and array items); field 501 is at /f500',
    );
    expect(sut?.message.zh).toContain('第 501 个位于 /f500');
  });

  it('given fields spread over nested objects and arrays, then all are counted', () => {
    // 1 key "rows" + 250 items + 250 keys "v" = 501
    const sut = inspectBody({ rows: Array.from({ length: 250 }, () => ({ v: 1 })) });

    expect(sut).toMatchObject({ code: 'BODY_TOO_MANY_FIELDS', path: '/rows/249/v' });
  });

  it('given keys with / and ~, then the path is an escaped JSON pointer', () => {
    expect(inspectBody({ 'a/b~c': { __proto__: null, constructor: 1 } })?.path).toBe(
      '/a~1b~0c/constructor',
    );
  });

  it('given no body or a scalar, then nothing is found', () => {
    expect(inspectBody(undefined)).toBeUndefined();
    expect(inspectBody('text')).toBeUndefined();
  });
});
