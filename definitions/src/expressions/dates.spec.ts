import { dayNumber, localDate, wholeYears } from './dates';

describe('dates', () => {
  it('takes the local calendar date at a UTC offset', () => {
    // given the instant of midnight in China
    const instant = new Date('2026-03-14T16:00:00Z');

    // then
    expect(localDate(instant, 480)).toBe('2026-03-15');
    expect(localDate(instant, 0)).toBe('2026-03-14');
    expect(localDate(new Date('2026-03-14T15:59:59.999Z'), 480)).toBe('2026-03-14');
  });

  it('accepts only real calendar dates', () => {
    expect(dayNumber('2024-02-29')).toBeDefined();
    expect(dayNumber('2026-02-29')).toBeUndefined();
    expect(dayNumber('2026-04-31')).toBeUndefined();
    expect(dayNumber('2026-4-1')).toBeUndefined();
    expect(dayNumber('1970-01-02')).toBe(1);
  });

  it('counts whole years, a 29 February birthday from 1 March', () => {
    expect(wholeYears('2000-02-29', '2026-02-28')).toBe(25);
    expect(wholeYears('2000-02-29', '2026-03-01')).toBe(26);
    expect(wholeYears('2000-03-15', '2026-03-15')).toBe(26);
    expect(wholeYears('2026-03-15', '2026-03-15')).toBe(0);
  });
});
