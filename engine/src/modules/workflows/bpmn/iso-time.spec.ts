import { addIsoDuration, isIsoDuration, isIsoInstant } from './iso-time';

describe('ISO 8601 durations and instants', () => {
  it.each(['P3D', 'PT4H', 'PT24H', 'P1DT12H', 'P2W', 'P1Y2M', 'PT90S'])(
    'given %s, when checked, then it is a duration',
    (text) => expect(isIsoDuration(text)).toBe(true),
  );

  it.each(['P', 'PT', '3D', 'P1.5D', '-P1D', 'PT1H ', '${escalateAfter}', 'P1DT'])(
    'given %s, when checked, then it is not a duration',
    (text) => expect(isIsoDuration(text)).toBe(false),
  );

  it('given instants, when checked, then only those with an offset count', () => {
    expect(isIsoInstant('2026-01-01T08:00:00+08:00')).toBe(true);
    expect(isIsoInstant('2026-01-01T00:00Z')).toBe(true);
    expect(isIsoInstant('2026-01-01T08:00:00')).toBe(false);
    expect(isIsoInstant('2026-13-01T08:00:00Z')).toBe(false);
  });

  it('given a start and durations, when added, then calendar parts follow the calendar and time parts elapse', () => {
    const from = new Date('2024-01-31T10:00:00Z');
    expect(addIsoDuration(from, 'PT4H')?.toISOString()).toBe('2024-01-31T14:00:00.000Z');
    expect(addIsoDuration(from, 'P3D')?.toISOString()).toBe('2024-02-03T10:00:00.000Z');
    expect(addIsoDuration(from, 'P1M')?.toISOString()).toBe('2024-02-29T10:00:00.000Z');
    expect(addIsoDuration(from, 'P1Y1M1D')?.toISOString()).toBe('2025-03-01T10:00:00.000Z');
    expect(addIsoDuration(from, 'P1W')?.toISOString()).toBe('2024-02-07T10:00:00.000Z');
    expect(addIsoDuration(from, 'P1DT12H30M')?.toISOString()).toBe('2024-02-01T22:30:00.000Z');
    expect(addIsoDuration(from, 'soon')).toBeNull();
    expect(from.toISOString()).toBe('2024-01-31T10:00:00.000Z');
  });
});
