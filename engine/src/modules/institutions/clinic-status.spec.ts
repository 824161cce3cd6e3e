import { canChangeStatus, statusNeedsReason } from './clinic-status';
import { institutionNameKey } from './institution.schema';

describe('clinic status decisions', () => {
  it.each([
    ['pending', 'approved', true],
    ['pending', 'rejected', true],
    ['rejected', 'pending', true],
    ['approved', 'suspended', true],
    ['suspended', 'approved', true],
    ['pending', 'suspended', false],
    ['rejected', 'approved', false],
    ['approved', 'approved', false],
    ['approved', 'pending', false],
  ] as const)('given %s, when changing to %s, then allowed is %s', (from, to, allowed) => {
    expect(canChangeStatus(from, to)).toBe(allowed);
  });

  it('given each target status, when deciding whether a reason is needed, then only rejection and suspension need one', () => {
    expect(
      ['pending', 'approved', 'rejected', 'suspended'].filter((s) => statusNeedsReason(s as never)),
    ).toEqual(['rejected', 'suspended']);
  });
});

describe('institutionNameKey', () => {
  it('given spacing and full-width variants, when normalised, then they collide; different names do not', () => {
    expect(institutionNameKey('  东莞市某某诊所 ')).toBe('东莞市某某诊所');
    expect(institutionNameKey('ＡＢＣ  诊所')).toBe(institutionNameKey('ABC 诊所'));
    expect(institutionNameKey('东莞市某某诊所')).not.toBe(institutionNameKey('东莞市某某门诊'));
  });
});
