import {
  ArgumentsHost,
  BadRequestException,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { ApiError, validationErrorsToApiError } from '../errors';
import { AllExceptionsFilter, toErrorBody } from './all-exceptions.filter';

function fakeHost() {
  const sent: { status?: number; body?: unknown } = {};
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response }),
  } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('AllExceptionsFilter', () => {
  it('given an ApiError, when caught, then its body is sent unchanged', () => {
    const { host, sent } = fakeHost();
    const error = ApiError.single(413, 'PAYLOAD_TOO_LARGE', '', { zh: '过大', en: 'too large' });

    new AllExceptionsFilter().catch(error, host);

    expect(sent).toEqual({
      status: 413,
      body: {
        statusCode: 413,
        error: 'PAYLOAD_TOO_LARGE',
        errors: [{ path: '', code: 'PAYLOAD_TOO_LARGE', message: { zh: '过大', en: 'too large' } }],
      },
    });
  });

  it('given Nest NotFoundException for a route, then NOT_FOUND with its English text and a Chinese line', () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /api/nope'))).toEqual({
      statusCode: 404,
      error: 'NOT_FOUND',
      errors: [
        { path: '', code: 'NOT_FOUND', message: { zh: '未找到', en: 'Cannot GET /api/nope' } },
      ],
    });
  });

  it('given other HttpExceptions, then the code follows the status', () => {
    expect(toErrorBody(new PayloadTooLargeException()).error).toBe('PAYLOAD_TOO_LARGE');
    expect(toErrorBody(new BadRequestException(['a', 'b'])).errors[0]?.message.en).toBe('a; b');
  });

  it('given an http-errors style error from Express, then its 4xx status is kept', () => {
    expect(
      toErrorBody(Object.assign(new Error('request aborted'), { status: 400 })).statusCode,
    ).toBe(400);
  });

  it('given an unexpected error, then 500 with a generic message and no internals', () => {
    const { host, sent } = fakeHost();
    const sut = new AllExceptionsFilter();
    jest.spyOn(sut['logger'], 'error').mockImplementation(() => undefined);

    sut.catch(new TypeError('secret detail at /srv/app.js:1'), host);

    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      statusCode: 500,
      error: 'INTERNAL_ERROR',
      errors: [
        {
          path: '',
          code: 'INTERNAL_ERROR',
          message: { zh: '服务器内部错误', en: 'Internal server error' },
        },
      ],
    });
    expect(JSON.stringify(sent.body)).not.toContain('secret');
  });

  it('given class-validator errors, then one entry per constraint with the field path', () => {
    const sut = validationErrorsToApiError([
      {
        property: 'patient',
        children: [
          { property: 'name', constraints: { isString: 'name must be a string' }, children: [] },
        ],
      },
      {
        property: 'extra',
        constraints: { whitelistValidation: 'property extra should not exist' },
        children: [],
      },
    ]);

    expect(sut.getStatus()).toBe(400);
    expect(sut.getResponse()).toEqual({
      statusCode: 400,
      error: 'VALIDATION_FAILED',
      errors: [
        {
          path: '/patient/name',
          code: 'isString',
          message: { zh: '/patient/name：应为文本', en: '/patient/name: name must be a string' },
        },
        {
          path: '/extra',
          code: 'whitelistValidation',
          message: { zh: '/extra：不允许的字段', en: '/extra: property extra should not exist' },
        },
      ],
    });
  });
});
