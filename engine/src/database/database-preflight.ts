import mongoose from 'mongoose';
import { redactMongoUri, type SentinelMode } from '../config';
import { BootError } from '../boot-error';

export interface PreflightOptions {
  readonly mode: SentinelMode;
  readonly timeoutMs: number;
}

/**
 * Connects once before Nest starts, so an unreachable or unfit server stops the boot within
 * `timeoutMs` with one line, instead of mongoose retrying and Nest printing stacks.
 * Production also needs a replica set member (transactions, retryable writes; SECURITY.md 22).
 */
export async function preflightDatabase(uri: string, options: PreflightOptions): Promise<void> {
  const shown = redactMongoUri(uri);
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: options.timeoutMs,
    connectTimeoutMS: options.timeoutMs,
    autoCreate: false,
    autoIndex: false,
  });
  // Errors are reported through asPromise(); an unhandled 'error' event would crash the process.
  connection.on('error', () => undefined);
  try {
    try {
      await connection.asPromise();
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new BootError(
        'MONGODB_URI',
        `cannot reach ${shown} within ${options.timeoutMs} ms (${reason})`,
      );
    }
    if (options.mode === 'production') {
      const hello = await connection.getClient().db('admin').command({ hello: 1 });
      if (typeof hello['setName'] !== 'string') {
        throw new BootError(
          'MONGODB_URI',
          `${shown} is a standalone server; production needs a replica set member (hello has no setName)`,
        );
      }
    }
  } finally {
    await connection.close().catch(() => undefined);
  }
}
