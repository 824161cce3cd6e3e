import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../../config';
import { RegionCatalog } from '../../institutions';
import { DemoAccountGuard } from './demo-account-guard';
import { DemoSeeder } from './demo-seeder';

/**
 * At boot: the region tree is seeded if empty (every mode needs it); production refuses to run
 * with demo accounts; demo mode seeds the demo clinic and accounts when content seeding is on.
 */
@Injectable()
export class IdentityBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly regions: RegionCatalog,
    private readonly guard: DemoAccountGuard,
    private readonly seeder: DemoSeeder,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.regions.ensureSeeded();
    if (this.config.mode === 'production') await this.guard.assertNoDemoAccounts();
    else if (this.config.mode === 'demo' && this.config.seedContent) await this.seeder.seed();
  }
}
