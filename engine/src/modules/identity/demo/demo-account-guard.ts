import { Injectable } from '@nestjs/common';
import { BootError } from '../../../boot-error';
import { DemoAccountNames } from './demo-account-names';
import { DEMO_USERNAME_PREFIX } from './demo-data';

/**
 * SECURITY 22: production refuses to start while any account whose name starts with `demo-`
 * exists (their password is published in the README). The error names the account so an
 * operator knows what to delete.
 */
@Injectable()
export class DemoAccountGuard {
  constructor(private readonly accounts: DemoAccountNames) {}

  async assertNoDemoAccounts(): Promise<void> {
    const found = await this.accounts.firstWithPrefix(DEMO_USERNAME_PREFIX);
    if (found !== null) {
      throw new BootError(
        'demo account',
        `${found} exists; production mode refuses demo accounts (their password is public) — delete or rename it`,
      );
    }
  }
}
