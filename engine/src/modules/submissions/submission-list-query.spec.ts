import { ApiError } from '../../common/errors';
import { parseDetailQuery, parseListQuery, parseSearchQuery } from './submission-list-query';

function pathsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect((error as ApiError).getStatus()).toBe(400);
    return (error as ApiError).details.map((d) => d.path);
  }
  throw new Error('accepted');
}

describe('parseListQuery', () => {
  it('given no parameters, when parsed, then all means pending and reported, page 1 of 20, masked', () => {
    expect(parseListQuery({})).toEqual({
      statuses: ['pending', 'reported'],
      page: 1,
      pageSize: 20,
      unmask: false,
    });
  });

  it('given every filter, when parsed, then dates are China days with an inclusive end', () => {
    const sut = parseListQuery({
      form: 'patient-visit-report',
      status: 'draft',
      from: '2024-03-01',
      to: '2024-03-01',
      reporter: 'u-1',
      flag: 'fever',
      page: '3',
      pageSize: '100',
      unmask: 'true',
    });

    expect(sut).toEqual({
      formKey: 'patient-visit-report',
      statuses: ['draft'],
      from: new Date('2024-02-29T16:00:00Z'),
      until: new Date('2024-03-01T16:00:00Z'),
      reporterId: 'u-1',
      flag: 'fever',
      page: 3,
      pageSize: 100,
      unmask: true,
    });
  });

  it('given an unknown status, when parsed, then 400 at /query/status', () => {
    expect(pathsOf(() => parseListQuery({ status: 'deleted' }))).toEqual(['/query/status']);
  });

  it('given several bad parameters, when parsed, then each is named', () => {
    expect(
      pathsOf(() =>
        parseListQuery({
          pageSize: '101',
          page: '0',
          from: '2024-02-30',
          flag: 'a.b',
          extra: 'x',
          form: ['a', 'b'],
        }),
      ),
    ).toEqual([
      '/query/extra',
      '/query/form',
      '/query/from',
      '/query/flag',
      '/query/page',
      '/query/pageSize',
    ]);
  });

  it('given to before from, when parsed, then 400 at /query/to', () => {
    expect(pathsOf(() => parseListQuery({ from: '2024-03-02', to: '2024-03-01' }))).toEqual([
      '/query/to',
    ]);
  });

  it('given ISO instants, when parsed, then the end instant is included', () => {
    const sut = parseListQuery({ from: '2024-03-01T08:00:00+08:00', to: '2024-03-01T09:00:00Z' });

    expect(sut.from).toEqual(new Date('2024-03-01T00:00:00Z'));
    expect(sut.until).toEqual(new Date('2024-03-01T09:00:00.001Z'));
  });
});

describe('parseDetailQuery and parseSearchQuery', () => {
  it('given unmask=yes or an unknown parameter, when parsed, then 400 names it', () => {
    expect(pathsOf(() => parseDetailQuery({ unmask: 'yes', x: '1' }))).toEqual([
      '/query/x',
      '/query/unmask',
    ]);
  });

  it('given an empty or overlong q, when parsed, then 400 at /query/q', () => {
    expect(pathsOf(() => parseSearchQuery({ q: '  ' }))).toEqual(['/query/q']);
    expect(pathsOf(() => parseSearchQuery({ q: 'x'.repeat(65) }))).toEqual(['/query/q']);
  });

  it('given a padded term, when parsed, then it is trimmed', () => {
    expect(parseSearchQuery({ q: ' 13658582323 ' })).toEqual({ q: '13658582323' });
  });
});
