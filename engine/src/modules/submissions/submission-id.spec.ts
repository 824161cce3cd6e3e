import { isSubmissionId, newTimeOrderedId } from './submission-id';

describe('newTimeOrderedId', () => {
  it('given many ids made in the same millisecond, when sorted as text, then they are in creation order', () => {
    const ids = Array.from({ length: 5000 }, () => newTimeOrderedId(1_700_000_000_000));

    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('given an id, when inspected, then it is a version 7, variant 10 UUID carrying the time', () => {
    const id = newTimeOrderedId(Date.UTC(2030, 0, 1));

    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2030, 0, 1));
    expect(isSubmissionId(id)).toBe(true);
  });

  it('given text that is not a UUID, when checked, then it is not a submission id', () => {
    expect(isSubmissionId('../etc')).toBe(false);
    expect(isSubmissionId('{"$ne":1}')).toBe(false);
  });
});
