import type { ReferencingRecord } from './file-references';

/** The data-scope keys a file carries for its uploader (see common/auth/data-scope.ts). */
export interface FileScope {
  readonly institutionId?: string;
  readonly regionPath?: readonly string[];
  readonly patientIds?: readonly string[];
}

/** A record that references the file; a caller who may see it may download the file. */
export type FileReference = ReferencingRecord;

/** Metadata of one upload, stored in `files`; the bytes sit in FileStorage under `storageKey`. */
export interface FileRecord extends FileScope {
  /** 24 hex characters; the id submissions carry in file fields. */
  readonly id: string;
  /** SM3 of the bytes, hex: integrity checks and duplicate detection without reading them. */
  readonly sm3: string;
  readonly size: number;
  /** Decided from the bytes at upload (never the client's claim). */
  readonly mimeType: string;
  readonly storageKey: string;
  /** The client's name, sanitised; metadata only. */
  readonly fileName?: string;
  /** What the client said the upload is for (e.g. `licence`); metadata only. */
  readonly purpose?: string;
  /** User id of the uploader. */
  readonly uploadedBy: string;
  readonly references: readonly FileReference[];
  readonly createdAt: Date;
}
