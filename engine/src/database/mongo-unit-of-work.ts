import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { ClientSession, Connection } from 'mongoose';
import { UnitOfWork } from './unit-of-work';

interface OpenUnit {
  readonly session: ClientSession;
  readonly hooks: (() => Promise<void>)[];
  /** False once the transaction ended, so work leaked past it cannot write with a dead session. */
  open: boolean;
}

/** The unit of the current async call chain; only the Mongo adapters look at it. */
const units = new AsyncLocalStorage<OpenUnit>();

/**
 * The session of the unit of work the caller runs in, for a Mongo adapter to pass to its
 * operations (`{ session: ambientSession() }`); undefined outside one, which mongoose reads as
 * "no transaction".
 */
export function ambientSession(): ClientSession | undefined {
  const unit = units.getStore();
  return unit?.open === true ? unit.session : undefined;
}

/**
 * A MongoDB transaction per outermost run, through mongoose's `connection.transaction`: the
 * driver's `withTransaction` retries the whole callback on TransientTransactionError and the
 * commit on UnknownTransactionCommitResult, and mongoose resets documents a failed attempt
 * touched. The session rides in AsyncLocalStorage, so interfaces never carry it.
 */
@Injectable()
export class MongoUnitOfWork extends UnitOfWork {
  constructor(@InjectConnection() private readonly connection: Connection) {
    super();
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (units.getStore()?.open === true) return work();
    let unit: OpenUnit | undefined;
    try {
      const result = await this.connection.transaction((session) => {
        if (unit !== undefined) unit.open = false; // a retried attempt starts afresh
        unit = { session, hooks: [], open: true };
        return units.run(unit, work);
      });
      const hooks = unit?.hooks ?? [];
      if (unit !== undefined) unit.open = false;
      for (const hook of hooks) await hook();
      return result;
    } finally {
      if (unit !== undefined) unit.open = false;
    }
  }

  async afterCommit(hook: () => Promise<void>): Promise<void> {
    const unit = units.getStore();
    if (unit?.open === true) unit.hooks.push(hook);
    else await hook();
  }
}
