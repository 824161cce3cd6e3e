import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { BootError } from '../../../boot-error';
import { DEMO_USERNAME_PREFIX } from './demo-data';

/** The auth module's collection; read here by username only, because `Accounts` has no such query. */
const USERS_COLLECTION = 'users';

/**
 * SECURITY 22: production refuses to start while any account whose name starts with `demo-`
 * exists (their password is published in the README). The error names the account so an
 * operator knows what to delete.
 */
@Injectable()
export class DemoAccountGuard {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async assertNoDemoAccounts(): Promise<void> {
    const found = await this.connection
      .collection<{ username: string }>(USERS_COLLECTION)
      .findOne(
        { username: { $regex: `^${DEMO_USERNAME_PREFIX}` } },
        { projection: { username: 1 } },
      );
    if (found !== null) {
      throw new BootError(
        'demo account',
        `${found.username} exists; production mode refuses demo accounts (their password is public) — delete or rename it`,
      );
    }
  }
}
