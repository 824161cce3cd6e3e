import type { FileField } from '@sentinel/definitions';
import type { Principal } from '../../common/auth';

/** The record that references files; its scope becomes the files' scope for downloads. */
export interface ReferencingRecord {
  readonly collection: string;
  readonly id: string;
  readonly institutionId?: string;
  readonly regionPath?: readonly string[];
  readonly patientIds?: readonly string[];
}

/** File ids found in a submission, with the field that holds them. */
export interface FileFieldValue {
  /** JSON pointer of the field in the request body, for error paths. */
  readonly path: string;
  readonly field: FileField;
  readonly fileIds: readonly string[];
}

/** How other modules bind uploaded files to the records that reference them. */
export abstract class FileReferences {
  /**
   * Checks every id exists, was uploaded by someone in the caller's scope and suits the field
   * (images only, size, count), then records the referencing record so downloads check its scope.
   * @throws ApiError 422 naming the field path of the first unusable id.
   */
  abstract attach(
    principal: Principal,
    values: readonly FileFieldValue[],
    record: ReferencingRecord,
  ): Promise<void>;
}
