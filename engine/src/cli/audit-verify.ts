#!/usr/bin/env node
/**
 * `audit-verify` (npm run audit:verify): walks the SM3 audit chain in sequence order and prints
 * `audit chain intact: N entries` (exit 0) or `audit chain broken at seq N: <reason>` (exit 2);
 * exit 1 when the configuration or the database fails. It connects like the engine: MONGODB_URI
 * when set, otherwise the embedded store on SENTINEL_DATA_DIR, which only one process may hold,
 * so stop the engine first in that case.
 */
import mongoose from 'mongoose';
import pino, { type Logger } from 'pino';
import { parseConfig, type AppConfig } from '../config';
import { openDatabase } from '../database';
import { MongoAuditLog } from '../modules/audit';

type Env = Readonly<Record<string, string | undefined>>;
type Write = (line: string) => void;

/** A connected database for a command-line tool, and how to let go of it. */
export interface CliDatabase {
  readonly connection: mongoose.Connection;
  /** Closes mongoose, then stops the embedded store (which snapshots its data) if one was started. */
  close(): Promise<void>;
}

/** Logs go to stderr so stdout carries only the tool's answer. */
export function cliLogger(): Logger {
  return pino({ level: 'warn', base: { service: 'sentinel-cli' } }, pino.destination(2));
}

/** Opens the database exactly as `npm start` would, then one mongoose connection to it. */
export async function openCliDatabase(config: AppConfig, logger: Logger): Promise<CliDatabase> {
  const opened = await openDatabase(config, logger);
  try {
    const connection = await mongoose
      .createConnection(opened.target.uri, {
        dbName: opened.target.dbName,
        serverSelectionTimeoutMS: config.dbTimeoutMs,
        autoIndex: false,
      })
      .asPromise();
    return {
      connection,
      async close() {
        await connection.close();
        await opened.close();
      },
    };
  } catch (error) {
    await opened.close().catch(() => undefined);
    throw error;
  }
}

export function errorLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

/** Verifies the chain on an open connection; returns the exit code. */
export async function verifyAuditChain(
  connection: mongoose.Connection,
  write: Write,
): Promise<number> {
  const result = await new MongoAuditLog(connection).verify();
  if (result.ok) {
    write(`audit chain intact: ${result.entries} entries`);
    write(`head hash: ${result.headHash ?? ''} (record it elsewhere to detect truncation later)`);
    return 0;
  }
  write(`audit chain broken at seq ${result.firstBrokenSeq ?? '?'}: ${result.reason ?? ''}`);
  return 2;
}

export async function runAuditVerify(env: Env, write: Write, writeError: Write): Promise<number> {
  try {
    const config = parseConfig(env);
    const database = await openCliDatabase(config, cliLogger());
    try {
      return await verifyAuditChain(database.connection, write);
    } finally {
      await database.close();
    }
  } catch (error) {
    writeError(`audit-verify: ${errorLine(error)}`);
    return 1;
  }
}

if (require.main === module) {
  void runAuditVerify(
    process.env,
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  ).then((code) => process.exit(code));
}
