#!/usr/bin/env node
/**
 * `reencrypt-fields <collection>...` (npm run keys:reencrypt -- submissions patients): after a key
 * rotation (`SENTINEL_FIELD_KEYS=new:…,old:…`), re-encrypts every personal value written with an
 * older key in the named collections. Each refused value (bad MAC, unknown key) is printed and
 * audited as `tamper-detected`; each collection's run is audited too. Exit 0 when every stale
 * value was re-encrypted (the old key may then be removed), 3 when some were refused or changed
 * meanwhile (run again / investigate, and keep the old key), 2 on usage, 1 on failure.
 * Connects like audit-verify: with the embedded store, stop the engine first.
 */
import type mongoose from 'mongoose';
import { parseConfig } from '../config';
import { Sm4FieldCipher, reencryptCollection, type ReencryptionReport } from '../crypto';
import { MongoAuditLog } from '../modules/audit';
import { cliLogger, errorLine, openCliDatabase } from './audit-verify';

type Env = Readonly<Record<string, string | undefined>>;
type Write = (line: string) => void;

/** Plain collection names only; `system.*` belongs to the server. */
const COLLECTION_NAME = /^(?!system\.)[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$/;
const JOB = 'reencrypt-fields';

function summary(report: ReencryptionReport, activeKeyId: string): string {
  return (
    `${report.collection}: ${report.scanned} documents scanned, ${report.reencrypted} values ` +
    `re-encrypted with key ${activeKeyId}, ${report.tampered} refused, ${report.skipped} skipped`
  );
}

/** Re-encrypts the collections on an open connection; returns the exit code. */
export async function reencryptCollections(
  connection: mongoose.Connection,
  cipher: Sm4FieldCipher,
  collections: readonly string[],
  write: Write,
  writeError: Write,
): Promise<number> {
  const db = connection.db;
  if (db === undefined) throw new Error('database connection is not open');
  const audit = new MongoAuditLog(connection);
  let clean = true;
  for (const collection of collections) {
    const report = await reencryptCollection(db, collection, cipher);
    write(summary(report, cipher.activeKeyId));
    for (const { location, reason } of report.refused) {
      writeError(
        `refused: ${location.collection}/${location.documentId}${location.field} (${reason})`,
      );
      await audit.append({
        action: 'tamper-detected',
        actor: 'system',
        resource: location.collection,
        resourceId: location.documentId,
        outcome: 'failure',
        details: { field: location.field, reason, job: JOB },
      });
    }
    await audit.append({
      action: 'update',
      actor: 'system',
      resource: collection,
      outcome: report.tampered + report.skipped === 0 ? 'success' : 'failure',
      details: {
        job: JOB,
        activeKeyId: cipher.activeKeyId,
        scanned: report.scanned,
        reencrypted: report.reencrypted,
        tampered: report.tampered,
        skipped: report.skipped,
      },
    });
    clean &&= report.tampered + report.skipped === 0;
  }
  if (!clean) {
    writeError(
      'some values were not re-encrypted: keep the old key configured, run again, and investigate refused values',
    );
  }
  return clean ? 0 : 3;
}

export async function runReencryptFields(
  argv: readonly string[],
  env: Env,
  write: Write,
  writeError: Write,
): Promise<number> {
  const invalid = argv.find((name) => !COLLECTION_NAME.test(name));
  if (argv.length === 0 || invalid !== undefined) {
    writeError(
      invalid === undefined
        ? 'usage: reencrypt-fields <collection> [<collection>...]'
        : `reencrypt-fields: not a collection name: ${JSON.stringify(invalid)}`,
    );
    return 2;
  }
  try {
    const config = parseConfig(env);
    const cipher = new Sm4FieldCipher(config.security.fieldKeys);
    const database = await openCliDatabase(config, cliLogger());
    try {
      return await reencryptCollections(database.connection, cipher, argv, write, writeError);
    } finally {
      await database.close();
    }
  } catch (error) {
    writeError(`reencrypt-fields: ${errorLine(error)}`);
    return 1;
  }
}

if (require.main === module) {
  void runReencryptFields(
    process.argv.slice(2),
    process.env,
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  ).then((code) => process.exit(code));
}
