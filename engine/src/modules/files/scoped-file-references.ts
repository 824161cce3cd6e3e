import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth';
import { ApiError, type ErrorDetail } from '../../common/errors';
import { mayAttach } from './file-access';
import type { FileRecord } from './file-record';
import { FileRecords } from './file-records';
import { FileReferences, type FileFieldValue, type ReferencingRecord } from './file-references';
import { typeAllowed } from './upload/content-type';

function detail(path: string, code: string, zh: string, en: string): ErrorDetail {
  return { path, code, message: { zh, en } };
}

/** True when the file already belongs to this very record (re-saving a record keeps its files). */
function alreadyReferences(file: FileRecord, record: ReferencingRecord): boolean {
  return file.references.some((r) => r.collection === record.collection && r.id === record.id);
}

/**
 * Binds uploads to the records that use them. A file id is usable when it exists and was
 * uploaded within the caller's scope (or is already this record's), and suits the field; an
 * unknown id and another clinic's id give the same answer. All problems are reported at once;
 * nothing is attached unless every id is usable.
 */
@Injectable()
export class ScopedFileReferences extends FileReferences {
  constructor(private readonly records: FileRecords) {
    super();
  }

  async attach(
    principal: Principal,
    values: readonly FileFieldValue[],
    record: ReferencingRecord,
  ): Promise<void> {
    const ids = [...new Set(values.flatMap((value) => value.fileIds))];
    const files = new Map((await this.records.findByIds(ids)).map((file) => [file.id, file]));
    const problems = values.flatMap((value) => this.problems(principal, value, files, record));
    if (problems.length > 0) throw new ApiError(422, 'FILE_REFERENCE_INVALID', problems);
    await this.records.addReference(ids, {
      collection: record.collection,
      id: record.id,
      ...(record.institutionId === undefined ? {} : { institutionId: record.institutionId }),
      ...(record.regionPath === undefined ? {} : { regionPath: [...record.regionPath] }),
      ...(record.patientIds === undefined ? {} : { patientIds: [...record.patientIds] }),
    });
  }

  private problems(
    principal: Principal,
    value: FileFieldValue,
    files: ReadonlyMap<string, FileRecord>,
    record: ReferencingRecord,
  ): ErrorDetail[] {
    const { field, path, fileIds } = value;
    const problems: ErrorDetail[] = [];
    if (field.maxCount !== undefined && fileIds.length > field.maxCount) {
      problems.push(
        detail(
          path,
          'too-many-items',
          `最多上传 ${field.maxCount} 个文件`,
          `At most ${field.maxCount} files`,
        ),
      );
    }
    fileIds.forEach((id, index) => {
      const at = `${path}/${index}`;
      const file = files.get(id);
      if (file === undefined || !(mayAttach(principal, file) || alreadyReferences(file, record))) {
        problems.push(detail(at, 'file-not-found', '文件不存在或无权使用', 'No such file'));
      } else if (!typeAllowed(file.mimeType, field.mimeTypes)) {
        const allowed = (field.mimeTypes ?? []).join(', ');
        problems.push(
          detail(
            at,
            'file-type-not-allowed',
            `此处只接受 ${allowed} 类型的文件`,
            `Only ${allowed} files are accepted here`,
          ),
        );
      } else if (field.maxSizeBytes !== undefined && file.size > field.maxSizeBytes) {
        problems.push(
          detail(
            at,
            'file-too-large',
            `文件不能超过 ${field.maxSizeBytes} 字节`,
            `The file may not exceed ${field.maxSizeBytes} bytes`,
          ),
        );
      }
    });
    return problems;
  }
}
