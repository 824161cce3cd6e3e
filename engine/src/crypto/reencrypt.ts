import type { mongo } from 'mongoose';
import { dotPathOf, findEncryptedFields } from './encrypted-field-walk';
import { TamperedFieldError, type FieldCipher, type FieldLocation } from './field-protection';

/** A value that could not be decrypted, with why. */
export interface RefusedField {
  readonly location: FieldLocation;
  readonly reason: TamperedFieldError['reason'];
}

/** What one pass over a collection did. */
export interface ReencryptionReport {
  readonly collection: string;
  /** Documents read. */
  readonly scanned: number;
  /** Values re-encrypted with the active key. */
  readonly reencrypted: number;
  /** Values refused (bad MAC, unknown key, malformed): left as they are, listed in `refused`. */
  readonly tampered: number;
  /**
   * Stale values left as they are because their document changed during the pass (or their
   * path cannot be written as a dot path); a second run picks up the changed ones.
   */
  readonly skipped: number;
  readonly refused: readonly RefusedField[];
}

const DEFAULT_BATCH = 100;

/**
 * After a key rotation (`SENTINEL_FIELD_KEYS=new:…,old:…`): walks every document of the
 * collection, decrypts each stale `{kid, iv, ct, mac}` value with its location (collection,
 * `_id`, JSON pointer) and re-encrypts it with the active key. A document is updated by `_id`
 * with a filter on the old values' `kid` and `mac`, so a write that happened meanwhile is never
 * overwritten with older content. Once a run reports no skipped or tampered values, the old key
 * can be removed from the configuration.
 */
export async function reencryptCollection(
  db: mongo.Db,
  collectionName: string,
  cipher: FieldCipher,
  batch: number = DEFAULT_BATCH,
): Promise<ReencryptionReport> {
  const collection = db.collection(collectionName);
  const refused: RefusedField[] = [];
  let scanned = 0;
  let reencrypted = 0;
  let skipped = 0;

  const cursor = collection.find({}).sort({ _id: 1 }).batchSize(batch);
  for await (const document of cursor) {
    scanned += 1;
    const documentId = String(document._id);
    const filter: Record<string, unknown> = { _id: document._id };
    const replacements: Record<string, unknown> = {};
    let pending = 0;

    for (const found of findEncryptedFields(document)) {
      if (!cipher.isStale(found.value)) continue;
      const location = { collection: collectionName, documentId, field: found.pointer };
      const dotPath = dotPathOf(found.segments);
      if (dotPath === undefined) {
        skipped += 1;
        continue;
      }
      let plain: unknown;
      try {
        plain = cipher.decrypt(found.value, location);
      } catch (error) {
        if (!(error instanceof TamperedFieldError)) throw error;
        refused.push({ location, reason: error.reason });
        continue;
      }
      filter[`${dotPath}.kid`] = found.value.kid;
      filter[`${dotPath}.mac`] = found.value.mac;
      replacements[dotPath] = cipher.encrypt(plain, location);
      pending += 1;
    }

    if (pending === 0) continue;
    const result = await collection.updateOne(filter, { $set: replacements });
    if (result.matchedCount === 1) reencrypted += pending;
    else skipped += pending;
  }

  return {
    collection: collectionName,
    scanned,
    reencrypted,
    tampered: refused.length,
    skipped,
    refused,
  };
}
