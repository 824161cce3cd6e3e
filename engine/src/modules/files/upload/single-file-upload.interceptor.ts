import {
  HttpException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { ApiError } from '../../../common/errors';
import { FILE_PART, MAX_PURPOSE_LENGTH, MAX_UPLOAD_BYTES, PURPOSE_PART } from './upload-limits';

/**
 * multer with memory storage (its default when no storage is named): the bytes must be
 * inspected before anything is stored, and 10 MB per request is bounded. Busboy's limits stop
 * a request at the first excess part instead of buffering it.
 */
const MultipartFile = FileInterceptor(FILE_PART, {
  limits: {
    fileSize: MAX_UPLOAD_BYTES,
    files: 1,
    fields: 1,
    parts: 2,
    fieldNameSize: PURPOSE_PART.length,
    fieldSize: MAX_PURPOSE_LENGTH * 4,
    headerPairs: 20,
  },
  // Browsers send UTF-8 file names; busboy would read them as latin1 (mojibake for 营业执照.jpg).
  defParamCharset: 'utf8',
});

const ONE_FILE_ONLY = {
  zh: `只能上传一个文件，字段名为 ${FILE_PART}`,
  en: `Send exactly one file, in the part named ${FILE_PART}`,
};

const fileTooLarge = () =>
  ApiError.single(413, 'FILE_TOO_LARGE', `/${FILE_PART}`, {
    zh: `文件不能超过 10 MB（${MAX_UPLOAD_BYTES} 字节）`,
    en: `The file may not exceed 10 MB (${MAX_UPLOAD_BYTES} bytes)`,
  });
const unexpectedFile = () => ApiError.single(400, 'UNEXPECTED_FILE', '', ONE_FILE_ONLY);

/** Nest maps multer's errors to plain 400/413 carrying multer's message; these give our codes. */
const BY_MESSAGE: Readonly<Record<string, () => ApiError>> = {
  'File too large': fileTooLarge,
  'Too many files': unexpectedFile,
  'Unexpected file field': unexpectedFile,
  'Too many parts': unexpectedFile,
};

const fieldRefused = () =>
  ApiError.single(400, 'UNEXPECTED_FIELD', '', {
    zh: `除文件外只允许一个 ${PURPOSE_PART} 字段（不超过 ${MAX_PURPOSE_LENGTH} 个字符）`,
    en: `Besides the file only a ${PURPOSE_PART} field (at most ${MAX_PURPOSE_LENGTH} characters) is allowed`,
  });

const malformed = () =>
  ApiError.single(400, 'MALFORMED_MULTIPART', '', {
    zh: '无法解析 multipart/form-data 请求体',
    en: 'The multipart/form-data body could not be parsed',
  });

/** multer's refusal as the public error shape; anything else passes through unchanged. */
export function translateMultipartError(error: unknown): unknown {
  if (!(error instanceof HttpException) || error instanceof ApiError) return error;
  // Nest appends the part's name (`Unexpected file field - photo`); the message is the key.
  const known = BY_MESSAGE[error.message.split(' - ')[0] ?? ''];
  if (known !== undefined) return known();
  if (error.getStatus() !== 400) return error;
  return /field/i.test(error.message) ? fieldRefused() : malformed();
}

/** `FileInterceptor` for the one `file` part, answering in the engine's error shape. */
@Injectable()
export class SingleFileUploadInterceptor implements NestInterceptor {
  private readonly multipart: NestInterceptor = new MultipartFile();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multipart.intercept(context, next);
    } catch (error) {
      throw translateMultipartError(error);
    }
  }
}
