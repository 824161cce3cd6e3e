import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { DemoAccountNames } from './demo-account-names';

/** The auth module's collection; read here by username only, because `Accounts` has no such query. */
const USERS_COLLECTION = 'users';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The `users` collection, read by username prefix; the only file here touching the connection. */
@Injectable()
export class MongoDemoAccountNames extends DemoAccountNames {
  constructor(@InjectConnection() private readonly connection: Connection) {
    super();
  }

  async firstWithPrefix(prefix: string): Promise<string | null> {
    const found = await this.connection
      .collection<{ username: string }>(USERS_COLLECTION)
      .findOne(
        { username: { $regex: `^${escapeRegex(prefix)}` } },
        { projection: { username: 1 } },
      );
    return found === null ? null : found.username;
  }
}
