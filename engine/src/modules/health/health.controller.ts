import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  MemoryHealthIndicator,
  type HealthCheckResult,
} from '@nestjs/terminus';
import { Public } from '../../common/auth';
import { ApiError, type ErrorDetail } from '../../common/errors';
import { ErrorBodyDto } from '../../common/errors';
import { DatabaseHealthIndicator } from './database.health';

/** Heap above this means a leak or an unbounded request; 1 GiB leaves room on a 2 GB host. */
const HEAP_LIMIT_BYTES = 1024 * 1024 * 1024;

/** Public: load balancers and monitors probe it without credentials. */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly memory: MemoryHealthIndicator,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Process and database status, with the kind of store answering' })
  @ApiOkResponse({ description: 'Everything is up' })
  @ApiServiceUnavailableResponse({
    description: 'Something is down; `errors` names each indicator',
    type: ErrorBodyDto,
  })
  async check(): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.memory.checkHeap('heap', HEAP_LIMIT_BYTES),
        () => this.database.check('database'),
      ]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException)
        throw toHealthError(error.getResponse() as HealthCheckResult);
      throw error;
    }
  }
}

/** Terminus answers 503 with its own body; translate it into the one error shape. */
function toHealthError(result: HealthCheckResult): ApiError {
  const details: ErrorDetail[] = Object.entries(result.error ?? {}).map(([key, info]) => {
    const extra = JSON.stringify(info);
    return {
      path: `/${key}`,
      code: 'DOWN',
      message: { zh: `${key} 不可用：${extra}`, en: `${key} is down: ${extra}` },
    };
  });
  return new ApiError(503, 'SERVICE_UNAVAILABLE', details);
}
