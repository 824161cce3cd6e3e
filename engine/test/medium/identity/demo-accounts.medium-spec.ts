import { BootError } from '../../../src/boot-error';
import type { AppConfig } from '../../../src/config';
import { DemoAccountGuard } from '../../../src/modules/identity/demo/demo-account-guard';
import { MongoDemoAccountNames } from '../../../src/modules/identity/demo/mongo-demo-account-names';
import { DemoSeeder } from '../../../src/modules/identity/demo/demo-seeder';
import { IdentityBootstrap } from '../../../src/modules/identity/demo/identity-bootstrap';
import type { RegionCatalog } from '../../../src/modules/institutions/regions/region-catalog';
import { FAST_HASHING_ENV } from '../../support/auth-helpers';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { startE2eApp, type E2eApp } from '../../e2e/e2e-app';

describe('identity: demo accounts at boot (medium)', () => {
  describe('the production guard', () => {
    let db: TestDatabase;
    let sut: DemoAccountGuard;

    beforeAll(async () => {
      db = await createTestDatabase(__filename);
      sut = new DemoAccountGuard(new MongoDemoAccountNames(db.connection));
    });
    afterAll(() => db.drop());
    beforeEach(() => db.connection.collection('users').deleteMany({}));

    it('given only ordinary accounts, when checked, then it passes', async () => {
      await db.connection
        .collection('users')
        .insertMany([{ username: 'dg-reviewer' }, { username: 'my-demo-clinic' }]);
      await expect(sut.assertNoDemoAccounts()).resolves.toBeUndefined();
    });

    it('given a demo- account, when checked, then a BootError names the account', async () => {
      await db.connection
        .collection('users')
        .insertMany([{ username: 'dg-reviewer' }, { username: 'demo-doctor' }]);
      const refusal = sut.assertNoDemoAccounts();
      await expect(refusal).rejects.toBeInstanceOf(BootError);
      await expect(refusal).rejects.toThrow(
        /demo-doctor exists; production mode refuses demo accounts/,
      );
    });
  });

  describe('the bootstrap decision', () => {
    function bootstrapIn(mode: AppConfig['mode'], seedContent = true) {
      const regions = { ensureSeeded: jest.fn().mockResolvedValue(undefined) };
      const guard = {
        assertNoDemoAccounts: jest
          .fn()
          .mockRejectedValue(new BootError('demo account', 'demo-x exists')),
      };
      const seeder = { seed: jest.fn().mockResolvedValue({ institutionId: 'x', created: [] }) };
      const sut = new IdentityBootstrap(
        { mode, seedContent } as AppConfig,
        regions as unknown as RegionCatalog,
        guard as unknown as DemoAccountGuard,
        seeder as unknown as DemoSeeder,
      );
      return { sut, regions, guard, seeder };
    }

    it('given production mode with a demo account, when booting, then it refuses and seeds nothing', async () => {
      const { sut, regions, seeder } = bootstrapIn('production');
      await expect(sut.onApplicationBootstrap()).rejects.toThrow('demo account: demo-x exists');
      expect(regions.ensureSeeded).toHaveBeenCalled();
      expect(seeder.seed).not.toHaveBeenCalled();
    });

    it('given demo mode, when booting, then demo data is seeded and the guard is not consulted', async () => {
      const { sut, guard, seeder } = bootstrapIn('demo');
      await sut.onApplicationBootstrap();
      expect(seeder.seed).toHaveBeenCalledTimes(1);
      expect(guard.assertNoDemoAccounts).not.toHaveBeenCalled();
    });

    it('given demo mode without content seeding, or test mode, when booting, then only regions are seeded', async () => {
      for (const [mode, seedContent] of [
        ['demo', false],
        ['test', true],
      ] as const) {
        const { sut, regions, guard, seeder } = bootstrapIn(mode, seedContent);
        await sut.onApplicationBootstrap();
        expect(regions.ensureSeeded).toHaveBeenCalled();
        expect(seeder.seed).not.toHaveBeenCalled();
        expect(guard.assertNoDemoAccounts).not.toHaveBeenCalled();
      }
    });
  });

  describe('the seeder', () => {
    let app: E2eApp;

    beforeAll(async () => {
      app = await startE2eApp(__filename, FAST_HASHING_ENV);
    });
    afterAll(() => app.close());

    it('given an empty database, when seeded twice, then the second run creates nothing and the guard would refuse production', async () => {
      const first = await app.app.get(DemoSeeder).seed();
      expect(first.created).toEqual(
        expect.arrayContaining([
          'demo-province-admin',
          'demo-policy-editor',
          'demo-reviewer',
          'demo-reviewer-2',
          'demo-insurance-reviewer',
          'demo-epidemic-handler',
          'demo-fever-clinic',
          'demo-clinic-admin',
          'demo-doctor',
          'demo-pharmacist',
        ]),
      );
      const db = app.database.connection;
      const counts = async () =>
        Promise.all(
          ['users', 'institutions', 'departments', 'staff', 'officials'].map((c) =>
            db.collection(c).countDocuments(),
          ),
        );
      const before = await counts();
      expect(before).toEqual([10, 1, 1, 3, 7]);
      expect(await db.collection('users').findOne({ username: 'demo-fever-clinic' })).toMatchObject(
        { roles: ['fever_clinic'], regionCode: '441900005', organisationCode: 'DG007' },
      );
      expect(
        await db.collection('officials').findOne({ username: 'demo-fever-clinic' }),
      ).toMatchObject({ role: 'fever_clinic', organisationCode: 'DG007' });
      const second = await app.app.get(DemoSeeder).seed();
      expect(second).toEqual({ institutionId: first.institutionId, created: [] });
      expect(await counts()).toEqual(before);
      const clinic = await db.collection('institutions').findOne({});
      expect(clinic).toMatchObject({
        name: '东莞市演示诊所',
        status: 'approved',
        regionPath: ['440000', '441900', '441900003'],
      });
      await expect(
        new DemoAccountGuard(new MongoDemoAccountNames(db)).assertNoDemoAccounts(),
      ).rejects.toThrow(/demo-/);
    });
  });
});
