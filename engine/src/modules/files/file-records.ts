import type { FileRecord, FileReference } from './file-record';

/** Persistence of file metadata (port); the mongoose adapter is mongo-file-records.ts. */
export abstract class FileRecords {
  /** A fresh id for a new upload, also used to derive its storage key. */
  abstract newId(): string;
  abstract insert(record: FileRecord): Promise<void>;
  /** Null for an unknown or malformed id (never a throw: ids come from requests). */
  abstract findById(id: string): Promise<FileRecord | null>;
  abstract findByIds(ids: readonly string[]): Promise<readonly FileRecord[]>;
  /** Adds the reference to each file once (a repeated attach changes nothing). */
  abstract addReference(ids: readonly string[], reference: FileReference): Promise<void>;
}
