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
import { cloneSeededTemplate, sharesSeededTemplate } from '../support/seeded-template';
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
 * The real AppModule and configureApp on this file's own database in this worker's test store,
 * plus the echo routes. `env` adds configuration variables. When neither `env` nor replaced
 * providers change what the boot writes, the database starts as a copy of this worker's seeded
 * template instead of seeding `definitions/content` again (the copy is this file's alone; see
 * test/support/seeded-template.ts).
 */
export async function startE2eApp(
  testFile: string,
  env: Record<string, string> = {},
): Promise<E2eApp> {
  const database = await createTestDatabase(testFile);
  // startE2eAppWith and its kin replace providers by spying on createTestingModule; a fake clock
  // or workflow runtime changes what the boot writes, so such a file seeds its own database.
  const replacesProviders = jest.isMockFunction(Test.createTestingModule);
  if (!replacesProviders && sharesSeededTemplate(env)) {
    await cloneSeededTemplate(database, async (template) => {
      await (await bootApp(template, {})).close();
    });
  }
  const app = await bootApp(database, env);
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

async function bootApp(
  database: TestDatabase,
  env: Record<string, string>,
): Promise<NestExpressApplication> {
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
  return app;
}
