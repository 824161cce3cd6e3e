import { atLeast, dependencyFloorProblems } from './dependency-floors';

describe('dependency floors (SECURITY.md 23)', () => {
  it('given the installed packages, when checked, then sm-crypto and mongoose are at or above their floors', () => {
    expect(dependencyFloorProblems()).toEqual([]);
  });

  it('given sm-crypto 0.4.9 and mongoose 9.9.1, when checked, then both are named', () => {
    const old: Record<string, string> = { 'sm-crypto': '0.4.9', mongoose: '9.9.1' };
    expect(dependencyFloorProblems((name) => old[name] ?? '0.0.0')).toEqual([
      'sm-crypto 0.4.9 is below 0.5.0',
      'mongoose 9.9.1 is below 9.9.2',
    ]);
  });

  it.each([
    ['9.10.0', '9.9.2', true],
    ['9.9.2', '9.9.2', true],
    ['10.0.0-rc.1', '9.9.2', true],
    ['0.5.8', '0.5.0', true],
    ['0.4.12', '0.5.0', false],
  ])('given %s against %s, when compared, then %s', (version, floor, expected) => {
    expect(atLeast(version, floor)).toBe(expected);
  });
});
