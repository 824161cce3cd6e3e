import { parse } from 'node:querystring';
import { inspectQuery } from './query-inspection';

describe('inspectQuery', () => {
  it('given plain and repeated parameters, then nothing is found', () => {
    expect(inspectQuery(parse('q=abc&tag=a&tag=b&empty='))).toBeUndefined();
  });

  it.each([
    ['q[$ne]=x', '/q[$ne]'],
    ['$where=1', '/$where'],
    ['filter[name]=x', '/filter[name]'],
    ['a]=1', '/a]'],
    ['__proto__=x', '/__proto__'],
  ])('given %s, then FORBIDDEN_QUERY_KEY at %s', (query, path) => {
    const sut = inspectQuery(parse(query));

    expect(sut?.code).toBe('FORBIDDEN_QUERY_KEY');
    expect(sut?.path).toBe(path);
    expect(sut?.message.en).toContain(`(${path})`);
    expect(sut?.message.zh).toContain(`（${path}）`);
  });

  it('given an object value from an extended parser, then INVALID_QUERY_VALUE with the path', () => {
    const sut = inspectQuery({ name: { $gt: '' } });

    expect(sut).toEqual({
      path: '/name',
      code: 'INVALID_QUERY_VALUE',
      message: {
        zh: '查询参数 /name 只能是文本',
        en: 'Query parameter /name must be a plain string',
      },
    });
    expect(inspectQuery({ ids: ['a', { $ne: 1 }] })?.code).toBe('INVALID_QUERY_VALUE');
  });

  it('given a key with a slash, then the pointer escapes it', () => {
    expect(inspectQuery({ 'a/b': 1 })?.path).toBe('/a~1b');
  });
});
