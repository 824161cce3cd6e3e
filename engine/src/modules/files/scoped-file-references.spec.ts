import type { FileField } from '@sentinel/definitions';
import { permissionsOf, type Principal, type Role } from '../../common/auth';
import { ApiError } from '../../common/errors';
import type { FileRecord, FileReference } from './file-record';
import { FileRecords } from './file-records';
import { ScopedFileReferences } from './scoped-file-references';

/** In-memory FileRecords: the real thing minus MongoDB. */
class MemoryFileRecords extends FileRecords {
  readonly byId = new Map<string, FileRecord>();
  private next = 0;
  newId(): string {
    this.next += 1;
    return this.next.toString(16).padStart(24, '0');
  }
  async insert(record: FileRecord): Promise<void> {
    this.byId.set(record.id, record);
  }
  async findById(id: string): Promise<FileRecord | null> {
    return this.byId.get(id) ?? null;
  }
  async findByIds(ids: readonly string[]): Promise<readonly FileRecord[]> {
    return ids.flatMap((id) => this.byId.get(id) ?? []);
  }
  async addReference(ids: readonly string[], reference: FileReference): Promise<void> {
    for (const id of ids) {
      const file = this.byId.get(id);
      if (file) this.byId.set(id, { ...file, references: [...file.references, reference] });
    }
  }
}

function clinicUser(institutionId: string, role: Role = 'doctor'): Principal {
  return {
    userId: `u-${institutionId}`,
    username: `u-${institutionId}`,
    displayName: 'Dr',
    roles: [role],
    permissions: permissionsOf([role]),
    institutionId,
    regionCode: '441900003',
  };
}

function file(records: MemoryFileRecords, over: Partial<FileRecord> = {}): FileRecord {
  const record: FileRecord = {
    id: records.newId(),
    sm3: 'x',
    size: 1000,
    mimeType: 'image/png',
    storageKey: 'k',
    uploadedBy: 'u-clinic-a',
    institutionId: 'clinic-a',
    regionPath: ['440000', '441900', '441900003'],
    references: [],
    createdAt: new Date(),
    ...over,
  };
  void records.insert(record);
  return record;
}

const IMAGE_FIELD: FileField = {
  kind: 'field',
  key: 'licence',
  type: 'file',
  title: { zh: '执业许可证', en: 'Licence' },
  mimeTypes: ['image/jpeg', 'image/png'],
  maxSizeBytes: 5000,
  maxCount: 2,
};
const RECORD = {
  collection: 'submissions',
  id: 's1',
  institutionId: 'clinic-a',
  regionPath: ['440000'],
};

function problemsOf(error: unknown): unknown {
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).getStatus()).toBe(422);
  return (error as ApiError).getResponse();
}

describe('ScopedFileReferences.attach', () => {
  let records: MemoryFileRecords;
  let sut: ScopedFileReferences;

  beforeEach(() => {
    records = new MemoryFileRecords();
    sut = new ScopedFileReferences(records);
  });

  it('given an image uploaded in the caller clinic, when attached, then the record reference is added', async () => {
    const png = file(records);

    await sut.attach(
      clinicUser('clinic-a'),
      [{ path: '/values/licence', field: IMAGE_FIELD, fileIds: [png.id] }],
      RECORD,
    );

    expect(records.byId.get(png.id)?.references).toEqual([RECORD]);
  });

  it("given another clinic's file and an unknown id, when attached, then 422 file-not-found at each index and nothing attached", async () => {
    const theirs = file(records, { institutionId: 'clinic-b' });
    const mine = file(records);

    const error = await sut
      .attach(
        clinicUser('clinic-a'),
        [
          {
            path: '/values/licence',
            field: { ...IMAGE_FIELD, maxCount: 9 },
            fileIds: [mine.id, theirs.id, 'ffffffffffffffffffffffff'],
          },
        ],
        RECORD,
      )
      .catch((e: unknown) => e);

    expect(problemsOf(error)).toMatchObject({
      error: 'FILE_REFERENCE_INVALID',
      errors: [
        { path: '/values/licence/1', code: 'file-not-found' },
        { path: '/values/licence/2', code: 'file-not-found' },
      ],
    });
    expect(records.byId.get(mine.id)?.references).toEqual([]);
  });

  it('given a PDF on an images-only field and an oversized image, when attached, then 422 naming type and size', async () => {
    const pdf = file(records, { mimeType: 'application/pdf' });
    const big = file(records, { size: 5001 });

    const error = await sut
      .attach(
        clinicUser('clinic-a'),
        [{ path: '/values/licence', field: IMAGE_FIELD, fileIds: [pdf.id, big.id] }],
        RECORD,
      )
      .catch((e: unknown) => e);

    expect(problemsOf(error)).toMatchObject({
      errors: [
        {
          path: '/values/licence/0',
          code: 'file-type-not-allowed',
          message: { zh: expect.stringContaining('image/png') },
        },
        { path: '/values/licence/1', code: 'file-too-large' },
      ],
    });
  });

  it('given more ids than maxCount, when attached, then 422 too-many-items at the field', async () => {
    const ids = [file(records).id, file(records).id, file(records).id];

    const error = await sut
      .attach(
        clinicUser('clinic-a'),
        [{ path: '/values/licence', field: IMAGE_FIELD, fileIds: ids }],
        RECORD,
      )
      .catch((e: unknown) => e);

    expect(problemsOf(error)).toMatchObject({
      errors: [{ path: '/values/licence', code: 'too-many-items' }],
    });
  });

  it("given a patient's upload already referenced by this record, when clinic staff re-save the record, then accepted", async () => {
    const photo = file(records, {
      institutionId: undefined,
      patientIds: ['p1'],
      references: [RECORD],
    });

    await expect(
      sut.attach(
        clinicUser('clinic-a'),
        [{ path: '/values/licence', field: IMAGE_FIELD, fileIds: [photo.id] }],
        RECORD,
      ),
    ).resolves.toBeUndefined();
  });
});
