import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ambientSession, isDuplicateKeyError, UnitOfWork } from '../../database';
import type { DefinitionKind } from './definition-shape';
import {
  DefinitionStore,
  type DraftRecord,
  type DraftSave,
  type StoredDefinition,
  type VersionPointer,
  type VersionRecord,
} from './definition-store';
import { REGISTRY_MODELS } from './registry.schemas';

const STATE_ID = 'registry';
const POINTER_FIELDS = {
  _id: 0,
  key: 1,
  version: 1,
  effectiveFrom: 1,
  publishedAt: 1,
  publishedBy: 1,
  checksum: 1,
};

/** The only file that touches the registry's mongoose models. */
@Injectable()
export class MongoDefinitionStore extends DefinitionStore implements OnModuleInit {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    @InjectModel(REGISTRY_MODELS.formDraft) private readonly formDrafts: Model<DraftRecord>,
    @InjectModel(REGISTRY_MODELS.formVersion) private readonly formVersions: Model<VersionRecord>,
    @InjectModel(REGISTRY_MODELS.dictionaryDraft)
    private readonly dictionaryDrafts: Model<DraftRecord>,
    @InjectModel(REGISTRY_MODELS.dictionaryVersion)
    private readonly dictionaryVersions: Model<VersionRecord>,
    @InjectModel(REGISTRY_MODELS.state)
    private readonly state: Model<{ _id: string; generation: number }>,
  ) {
    super();
  }

  /** The unique indexes must exist before seeding relies on them to settle races between instances. */
  async onModuleInit(): Promise<void> {
    await Promise.all(
      [
        this.formDrafts,
        this.formVersions,
        this.dictionaryDrafts,
        this.dictionaryVersions,
        this.state,
      ].map((model) => model.init()),
    );
  }

  private drafts(kind: DefinitionKind): Model<DraftRecord> {
    return kind === 'form' ? this.formDrafts : this.dictionaryDrafts;
  }

  private versions(kind: DefinitionKind): Model<VersionRecord> {
    return kind === 'form' ? this.formVersions : this.dictionaryVersions;
  }

  async saveDraft(
    kind: DefinitionKind,
    key: string,
    definition: StoredDefinition,
    expectedRevision: number,
    updatedBy: string,
  ): Promise<DraftSave> {
    const drafts = this.drafts(kind);
    const fields = { definition, updatedBy, updatedAt: new Date() };
    if (expectedRevision === 0) {
      try {
        await drafts.create({ key, revision: 1, ...fields });
        return { saved: true, revision: 1 };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    } else {
      const updated = await drafts
        .findOneAndUpdate(
          { key, revision: expectedRevision },
          { $set: fields, $inc: { revision: 1 } },
          { returnDocument: 'after', projection: { revision: 1 } },
        )
        .lean();
      if (updated !== null) return { saved: true, revision: updated.revision };
    }
    const current = await drafts.findOne({ key }, { revision: 1 }).lean();
    return { saved: false, currentRevision: current?.revision ?? 0 };
  }

  async findDraft(kind: DefinitionKind, key: string): Promise<DraftRecord | null> {
    return this.drafts(kind).findOne({ key }, { _id: 0 }).lean<DraftRecord>();
  }

  async insertVersion(kind: DefinitionKind, record: VersionRecord): Promise<boolean> {
    try {
      await this.unitOfWork.run(async () => {
        const session = ambientSession();
        await this.versions(kind).create([record], { session });
        await this.state.updateOne(
          { _id: STATE_ID },
          { $inc: { generation: 1 } },
          { upsert: true, session },
        );
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async findVersion(
    kind: DefinitionKind,
    key: string,
    version: number,
  ): Promise<VersionRecord | null> {
    return this.versions(kind).findOne({ key, version }, { _id: 0 }).lean<VersionRecord>();
  }

  async latestVersion(kind: DefinitionKind, key: string): Promise<number> {
    const latest = await this.versions(kind)
      .findOne({ key }, { version: 1 })
      .sort({ version: -1 })
      .lean();
    return latest?.version ?? 0;
  }

  async listPointers(kind: DefinitionKind, key?: string): Promise<VersionPointer[]> {
    return this.versions(kind)
      .find(key === undefined ? {} : { key }, POINTER_FIELDS)
      .sort({ key: 1, version: 1 })
      .lean<VersionPointer[]>();
  }

  async generation(): Promise<number> {
    const state = await this.state.findById(STATE_ID).lean();
    return state?.generation ?? 0;
  }
}
