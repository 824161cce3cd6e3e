import type { Readable } from 'node:stream';

/**
 * Where uploaded bytes live. Metadata (owner, scope, references) always stays in MongoDB's
 * `files` collection; an adapter only keeps bytes under an opaque key the engine chose.
 * Adapters: MongoDB GridFS (default, nothing else to run) and any S3-compatible object store.
 */
export abstract class FileStorage {
  /** `gridfs` or `s3`, for logs. */
  abstract readonly kind: string;
  /** Stores the bytes under `key`, replacing nothing: keys are fresh ids. */
  abstract put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /**
   * A stream of the bytes once the store has confirmed they exist.
   * @throws StoredBytesMissingError when nothing is stored under the key
   */
  abstract open(key: string): Promise<Readable>;
  /** Removes the bytes; a key with nothing stored is not an error. */
  abstract delete(key: string): Promise<void>;
}

/** The metadata names a key the store does not hold (a failed write or a lost object). */
export class StoredBytesMissingError extends Error {
  constructor(readonly key: string) {
    super(`no stored bytes under key ${key}`);
    this.name = 'StoredBytesMissingError';
  }
}

/** The store refused or could not be reached; the message names the cause for operators. */
export class FileStorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FileStorageError';
  }
}
