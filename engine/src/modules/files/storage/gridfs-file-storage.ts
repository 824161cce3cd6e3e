import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import mongoose, { type Connection } from 'mongoose';
import { FileStorage, StoredBytesMissingError } from './file-storage';

/** Collections `fileBlobs.files` / `fileBlobs.chunks`; distinct from the `files` metadata. */
export const GRIDFS_BUCKET_NAME = 'fileBlobs';

/**
 * Bytes in MongoDB GridFS on the app's own connection: no second service to run, and the
 * bytes share the database's backups and replication. The storage key is the GridFS filename
 * (keys are fresh ids, so each name is stored once).
 *
 * The driver comes from `mongoose.mongo`, not the `mongodb` package: the workspace holds two
 * driver copies, and a GridFSBucket from the other copy fails the driver's own `instanceof`
 * checks, so it silently skips creating its indexes.
 */
export class GridFsFileStorage extends FileStorage {
  readonly kind = 'gridfs';
  private readonly bucket: mongoose.mongo.GridFSBucket;

  constructor(connection: Connection) {
    super();
    const db = connection.db;
    if (db === undefined) throw new Error('GridFS needs an open mongoose connection');
    this.bucket = new mongoose.mongo.GridFSBucket(db, { bucketName: GRIDFS_BUCKET_NAME });
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const upload = this.bucket.openUploadStream(key, { metadata: { contentType } });
    await pipeline(Readable.from([bytes]), upload);
  }

  async open(key: string): Promise<Readable> {
    const blob = await this.find(key);
    if (blob === undefined) throw new StoredBytesMissingError(key);
    return this.bucket.openDownloadStream(blob._id);
  }

  async delete(key: string): Promise<void> {
    // bucket.delete throws on a missing id; deleting nothing is fine here.
    const blob = await this.find(key);
    if (blob !== undefined) await this.bucket.delete(blob._id);
  }

  private async find(key: string): Promise<mongoose.mongo.GridFSFile | undefined> {
    const [blob] = await this.bucket.find({ filename: key }, { limit: 1 }).toArray();
    return blob;
  }
}
