import { ApiError } from '../../common/errors';
import { parseCreateBody, parseUpdateBody } from './submission-body';

function refusal(run: () => unknown): { status: number; problems: string[] } {
  try {
    run();
  } catch (error) {
    const e = error as ApiError;
    return { status: e.getStatus(), problems: e.details.map((d) => `${d.path} ${d.code}`) };
  }
  throw new Error('accepted');
}

describe('parseCreateBody', () => {
  it('given a full body, when parsed, then it is returned unchanged (the values are not copied)', () => {
    const values = { temperature: 38.5 };
    const body = { formVersion: 2, status: 'draft', institutionId: 'clinic-1', values };

    const sut = parseCreateBody(body);

    expect(sut).toEqual(body);
    expect(sut.values).toBe(values);
  });

  it('given every envelope mistake at once, when parsed, then 400 VALIDATION_FAILED names each path', () => {
    expect(
      refusal(() =>
        parseCreateBody({
          formVersion: 1.5,
          status: 'done',
          institutionId: { $ne: '' },
          values: [],
          extra: 1,
        }),
      ),
    ).toEqual({
      status: 400,
      problems: [
        '/extra whitelistValidation',
        '/status isIn',
        '/values isObject',
        '/formVersion isInt',
        '/institutionId matches',
      ],
    });
  });

  it('given no values or a non-object body, when parsed, then 400', () => {
    expect(refusal(() => parseCreateBody({})).problems).toEqual(['/values isObject']);
    expect(refusal(() => parseCreateBody([])).problems).toEqual([' isObject']);
  });
});

describe('parseUpdateBody', () => {
  it('given only a status, when parsed, then values stay absent', () => {
    expect(parseUpdateBody({ status: 'reported' })).toEqual({ status: 'reported' });
  });

  it('given a formVersion or institution, when parsed, then they are refused: an update cannot move a report', () => {
    expect(refusal(() => parseUpdateBody({ formVersion: 2, institutionId: 'x' })).problems).toEqual(
      ['/formVersion whitelistValidation', '/institutionId whitelistValidation'],
    );
  });
});
