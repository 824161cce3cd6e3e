import { Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Principal } from '../../common/auth';
import { ApiError } from '../../common/errors';
import { sm3Hex } from '../../crypto';
import { AuditLog } from '../audit';
import { InstitutionDirectory } from '../institutions';
import { mayRead, uploaderScope } from './file-access';
import type { FileRecord } from './file-record';
import { FileRecords } from './file-records';
import { FileStorage, FileStorageError, StoredBytesMissingError } from './storage/file-storage';
import { decideContentType, SUPPORTED_TYPES } from './upload/content-type';
import { sanitiseFileName } from './upload/file-name';
import { FILE_PART } from './upload/upload-limits';

/** The part multer hands over (memory storage): only what the service reads. */
export interface ReceivedFile {
  readonly buffer: Buffer;
  readonly size: number;
  readonly mimetype?: string;
  readonly originalname?: string;
}

export interface UploadedFileSummary {
  readonly id: string;
  readonly mimeType: string;
  readonly size: number;
}

export interface FileDownload {
  readonly record: FileRecord;
  readonly bytes: Readable;
}

const storageUnavailable = () =>
  ApiError.single(503, 'FILE_STORAGE_UNAVAILABLE', '', {
    zh: '文件存储暂不可用，请稍后重试',
    en: 'File storage is unavailable; try again later',
  });

/** Same answer for "no such file" and "not yours", so ids cannot be probed (SECURITY.md 16). */
const fileNotFound = () =>
  ApiError.single(404, 'FILE_NOT_FOUND', '', { zh: '文件不存在', en: 'File not found' });

/**
 * Uploads and downloads. The bytes decide the type; the uploader's scope and later the scopes
 * of referencing records decide who may read. Bytes are written before metadata, so metadata
 * never names bytes that were not stored.
 */
@Injectable()
export class FilesService {
  private readonly logger = new Logger(FilesService.name);

  constructor(
    private readonly records: FileRecords,
    private readonly storage: FileStorage,
    private readonly directory: InstitutionDirectory,
    private readonly audit: AuditLog,
  ) {}

  async upload(
    principal: Principal,
    file: ReceivedFile | undefined,
    purpose: string | undefined,
  ): Promise<UploadedFileSummary> {
    if (file === undefined || file.size === 0) {
      throw ApiError.single(400, 'FILE_REQUIRED', `/${FILE_PART}`, {
        zh: `请在 multipart/form-data 的 ${FILE_PART} 字段中上传一个非空文件`,
        en: `Send one non-empty file in the multipart/form-data part named ${FILE_PART}`,
      });
    }
    const decision = decideContentType(file.buffer, file.mimetype);
    if (!decision.ok && decision.reason === 'mismatch') {
      throw ApiError.single(400, 'FILE_TYPE_MISMATCH', `/${FILE_PART}`, {
        zh: `文件内容与声明的类型 ${decision.declared} 不符`,
        en: `The file's content is not the declared type ${decision.declared}`,
      });
    }
    if (!decision.ok) {
      throw ApiError.single(415, 'FILE_TYPE_UNSUPPORTED', `/${FILE_PART}`, {
        zh: `只接受 JPEG、PNG、WebP、GIF 图片或 PDF 文件`,
        en: `Only ${SUPPORTED_TYPES.join(', ')} files are accepted`,
      });
    }

    const id = this.records.newId();
    const record: FileRecord = {
      id,
      sm3: sm3Hex(file.buffer),
      size: file.size,
      mimeType: decision.type,
      storageKey: `files/${id}`,
      ...optional('fileName', sanitiseFileName(file.originalname)),
      ...optional('purpose', purpose),
      uploadedBy: principal.userId,
      ...(await uploaderScope(principal, this.directory)),
      references: [],
      createdAt: new Date(),
    };
    await this.storeBytes(record, file.buffer);
    try {
      await this.records.insert(record);
    } catch (error) {
      await this.storage.delete(record.storageKey).catch(() => undefined);
      throw error;
    }
    await this.audit.append({
      action: 'file-upload',
      actor: principal.userId,
      resource: 'files',
      resourceId: id,
      outcome: 'success',
      details: { mimeType: record.mimeType, size: record.size, purpose: purpose ?? null },
    });
    return { id, mimeType: record.mimeType, size: record.size };
  }

  async download(principal: Principal, id: string): Promise<FileDownload> {
    const record = await this.records.findById(id);
    const allowed = record !== null && mayRead(principal, record);
    await this.audit.append({
      action: 'file-download',
      actor: principal.userId,
      resource: 'files',
      resourceId: id.slice(0, 64),
      outcome: allowed ? 'success' : 'failure',
      ...(allowed ? {} : { details: { reason: 'not-found-or-out-of-scope' } }),
    });
    if (record === null || !allowed) throw fileNotFound();
    try {
      return { record, bytes: await this.storage.open(record.storageKey) };
    } catch (error) {
      if (error instanceof StoredBytesMissingError) {
        this.logger.error(`file ${id}: metadata present but ${this.storage.kind} has no bytes`);
        throw fileNotFound();
      }
      throw this.unavailable(error);
    }
  }

  private async storeBytes(record: FileRecord, bytes: Buffer): Promise<void> {
    try {
      await this.storage.put(record.storageKey, bytes, record.mimeType);
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  /** Operators read the cause in the log; callers get a plain 503. */
  private unavailable(error: unknown): unknown {
    if (!(error instanceof FileStorageError)) return error;
    this.logger.error(`${this.storage.kind} storage: ${error.message}`);
    return storageUnavailable();
  }
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
