import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Type } from 'class-transformer';
import { IsInt, IsString, ValidateNested } from 'class-validator';
import { AppModule } from '../../src/app.module';
import { Public } from '../../src/common/auth';
import { createRootLogger } from '../../src/common/logging/root-logger';
import { parseConfig } from '../../src/config';
import { configureApp } from '../../src/configure-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

class PatientDto {
  @IsString() name!: string;
  @IsInt() age!: number;
}

class ReportDto {
  @ValidateNested() @Type(() => PatientDto) patient!: PatientDto;
}

/** Body-accepting routes for the tests only; production code has none yet. */
@Public()
@Controller('test')
class EchoController {
  @Post('echo')
  echo(@Body() body: unknown): unknown {
    return { received: body, polluted: ({} as Record<string, unknown>)['x'] ?? null };
  }

  @Get('slow')
  async slow(@Query('ms') ms: string): Promise<{ waited: number }> {
    await new Promise((done) => setTimeout(done, Number(ms)));
    return { waited: Number(ms) };
  }

  @Post('report')
  report(@Body() body: ReportDto): ReportDto {
    return body;
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

export interface E2eApp {
  readonly app: NestExpressApplication;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real AppModule and configureApp on this file's own database in the shared test store,
 * plus the echo routes. `env` adds configuration variables.
 */
export async function startE2eApp(
  testFile: string,
  env: Record<string, string> = {},
): Promise<E2eApp> {
  const database = await createTestDatabase(testFile);
  const config = parseConfig({ SENTINEL_MODE: 'test', LOG_LEVEL: 'silent', ...env });
  const logger = createRootLogger(config);
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppModule.forRoot({
        config,
        logger,
        database: { uri: database.uri, kind: 'external', dbName: database.name },
      }),
      EchoModule,
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: false,
  });
  configureApp(app, config, logger);
  await app.init();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
