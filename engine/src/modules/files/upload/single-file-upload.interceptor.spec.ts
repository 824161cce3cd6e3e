import {
  BadRequestException,
  InternalServerErrorException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { ApiError } from '../../../common/errors';
import { translateMultipartError } from './single-file-upload.interceptor';

function codeOf(error: unknown): string | undefined {
  return error instanceof ApiError ? error.code : undefined;
}

describe('translateMultipartError', () => {
  it("given multer's size refusal (413), when translated, then 413 FILE_TOO_LARGE at /file", () => {
    const error = translateMultipartError(new PayloadTooLargeException('File too large'));

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).getStatus()).toBe(413);
    expect((error as ApiError).getResponse()).toMatchObject({
      error: 'FILE_TOO_LARGE',
      errors: [{ path: '/file', code: 'FILE_TOO_LARGE' }],
    });
  });

  it('given a second file or a file under another name, when translated, then 400 UNEXPECTED_FILE', () => {
    expect(codeOf(translateMultipartError(new BadRequestException('Too many files')))).toBe(
      'UNEXPECTED_FILE',
    );
    expect(
      codeOf(translateMultipartError(new BadRequestException('Unexpected file field - photo'))),
    ).toBe('UNEXPECTED_FILE');
  });

  it('given too many or too long fields, when translated, then 400 UNEXPECTED_FIELD', () => {
    expect(codeOf(translateMultipartError(new BadRequestException('Too many fields')))).toBe(
      'UNEXPECTED_FIELD',
    );
    expect(codeOf(translateMultipartError(new BadRequestException('Field value too long')))).toBe(
      'UNEXPECTED_FIELD',
    );
  });

  it('given a broken multipart body, when translated, then 400 MALFORMED_MULTIPART', () => {
    expect(codeOf(translateMultipartError(new BadRequestException('Unexpected end of form')))).toBe(
      'MALFORMED_MULTIPART',
    );
  });

  it('given anything else, when translated, then unchanged', () => {
    const other = new InternalServerErrorException('boom');
    const plain = new Error('x');

    expect(translateMultipartError(other)).toBe(other);
    expect(translateMultipartError(plain)).toBe(plain);
  });
});
