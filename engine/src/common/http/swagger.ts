import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ErrorBodyDto } from '../errors/error-body.dto';
import { API_PREFIX } from './api-prefix';

/** Swagger UI at /api/docs and the OpenAPI JSON at /api/docs-json; the decorators are the API docs. */
export function mountSwagger(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Sentinel reporting engine')
      .setDescription(
        '哨点监测报告引擎 API. Every failure answers { statusCode, error, errors: [{ path, code, message: { zh, en } }] }.',
      )
      .setVersion('0.1.0')
      // Access tokens from POST /api/auth/login; routes marked @ApiBearerAuth() use this scheme.
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT (HMAC-SM3)' })
      .addGlobalResponse(
        {
          status: 400,
          description: 'Invalid input; `errors[].path` points at the field',
          type: ErrorBodyDto,
        },
        { status: 413, description: 'Body over 1 MB', type: ErrorBodyDto },
        {
          status: 500,
          description: 'Unexpected failure (details only in the server log)',
          type: ErrorBodyDto,
        },
      )
      .build(),
  );
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, document, {
    jsonDocumentUrl: `${API_PREFIX}/docs-json`,
    yamlDocumentUrl: `${API_PREFIX}/docs-yaml`,
  });
}
