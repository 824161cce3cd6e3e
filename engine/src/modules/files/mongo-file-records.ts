import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Schema, Types, type Model } from 'mongoose';
import type { FileRecord, FileReference } from './file-record';
import { FileRecords } from './file-records';

export const FILE_RECORD_MODEL = 'FileRecord';

/**
 * A reference as stored: `collection` is a reserved mongoose path name (Document#collection),
 * so the record's collection and id are stored as `recordCollection` / `recordId`.
 */
interface StoredReference extends Omit<FileReference, 'collection' | 'id'> {
  readonly recordCollection: string;
  readonly recordId: string;
}

interface FileDocument extends Omit<FileRecord, 'id' | 'references'> {
  readonly _id: Types.ObjectId;
  readonly references: readonly StoredReference[];
}

const referenceSchema = new Schema<StoredReference>(
  {
    recordCollection: { type: String, required: true },
    recordId: { type: String, required: true },
    institutionId: String,
    regionPath: { type: [String], default: undefined },
    patientIds: { type: [String], default: undefined },
  },
  { _id: false },
);

/** `files`: metadata only; scope keys follow the convention so scopeFilter works on uploads. */
export const fileRecordSchema = new Schema<FileDocument>(
  {
    sm3: { type: String, required: true },
    size: { type: Number, required: true },
    mimeType: { type: String, required: true },
    storageKey: { type: String, required: true, unique: true },
    fileName: String,
    purpose: String,
    uploadedBy: { type: String, required: true },
    institutionId: { type: String, index: true },
    regionPath: { type: [String], default: undefined },
    patientIds: { type: [String], default: undefined },
    references: { type: [referenceSchema], default: [] },
    createdAt: { type: Date, required: true },
  },
  { collection: 'files', versionKey: false, strict: 'throw' },
);

function toRecord(doc: FileDocument): FileRecord {
  const { _id, references, ...rest } = doc;
  return {
    ...rest,
    id: _id.toHexString(),
    references: references.map(({ recordCollection, recordId, ...scope }) => ({
      collection: recordCollection,
      id: recordId,
      ...scope,
    })),
  };
}

function toStoredReference({ collection, id, ...scope }: FileReference): StoredReference {
  return { recordCollection: collection, recordId: id, ...scope };
}

function objectIds(ids: readonly string[]): Types.ObjectId[] {
  return ids
    .filter((id) => Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id))
    .map((id) => new Types.ObjectId(id));
}

@Injectable()
export class MongoFileRecords extends FileRecords {
  constructor(@InjectModel(FILE_RECORD_MODEL) private readonly model: Model<FileDocument>) {
    super();
  }

  newId(): string {
    return new Types.ObjectId().toHexString();
  }

  async insert(record: FileRecord): Promise<void> {
    const { id, references, ...rest } = record;
    await this.model.create({
      ...rest,
      _id: new Types.ObjectId(id),
      references: references.map(toStoredReference),
    });
  }

  async findById(id: string): Promise<FileRecord | null> {
    const [objectId] = objectIds([id]);
    if (objectId === undefined) return null;
    const doc = await this.model.findById(objectId).lean<FileDocument>().exec();
    return doc === null ? null : toRecord(doc);
  }

  async findByIds(ids: readonly string[]): Promise<readonly FileRecord[]> {
    const valid = objectIds(ids);
    if (valid.length === 0) return [];
    const docs = await this.model
      .find({ _id: { $in: valid } })
      .lean<FileDocument[]>()
      .exec();
    return docs.map(toRecord);
  }

  async addReference(ids: readonly string[], reference: FileReference): Promise<void> {
    const valid = objectIds(ids);
    if (valid.length === 0) return;
    await this.model
      .updateMany(
        { _id: { $in: valid } },
        { $addToSet: { references: toStoredReference(reference) } },
      )
      .exec();
  }
}
