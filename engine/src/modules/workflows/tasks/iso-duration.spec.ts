import { addIsoDuration, parseIsoDuration } from './iso-duration';

const START = new Date('2026-01-31T08:00:00.000Z');
const HOUR = 3_600_000;

describe('ISO 8601 durations for task deadlines', () => {
  it.each([
    ['P3D', 3 * 24 * HOUR],
    ['PT24H', 24 * HOUR],
    ['P1DT2H', 26 * HOUR],
    ['P1W', 7 * 24 * HOUR],
    ['PT30M', 30 * 60_000],
    ['PT1.5S', 1500],
    ['P2DT3H4M5S', ((2 * 24 + 3) * 60 + 4) * 60_000 + 5000],
  ])('given %s, when added to a start, then the deadline is that much later', (text, ms) => {
    expect(addIsoDuration(START, text)?.getTime()).toBe(START.getTime() + ms);
  });

  it('given months and years, when added, then they move the calendar in UTC', () => {
    expect(addIsoDuration(new Date('2026-03-15T00:00:00Z'), 'P1Y2M')?.toISOString()).toBe(
      '2027-05-15T00:00:00.000Z',
    );
  });

  it('given P1DT2H, when parsed, then days and hours are read separately', () => {
    expect(parseIsoDuration('P1DT2H')).toEqual({
      years: 0,
      months: 0,
      weeks: 0,
      days: 1,
      hours: 2,
      minutes: 0,
      seconds: 0,
    });
  });

  it.each(['', 'P', 'PT', 'P1DT', '3D', 'P-1D', 'PT1.5H', 'p3d', 'P3D ', 'P1H'])(
    'given %p, when parsed, then it is not a duration',
    (text) => {
      expect(parseIsoDuration(text)).toBeNull();
      expect(addIsoDuration(START, text)).toBeNull();
    },
  );
});
