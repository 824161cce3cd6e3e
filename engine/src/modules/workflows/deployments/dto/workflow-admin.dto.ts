import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsObject, IsOptional, Matches, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../../common/http';
import { DEFINITION_KEY } from '../../../registry';

/** Incident ids of either runtime: an ObjectId, a UUID or `instance:execution` style ids. */
const INCIDENT_ID = /^[A-Za-z0-9][A-Za-z0-9:_.-]{0,127}$/;

/** Most retries an admin may grant at once: a job that keeps failing needs a fix, not retries. */
export const MAX_INCIDENT_RETRIES = 10;

/** `POST /admin/workflows` and `/admin/workflows/lint`: the whole workflow definition. */
export class DeployWorkflowDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'workflow definition (definitions/schemas/workflow.schema.json)',
  })
  @IsObject()
  definition!: Record<string, unknown>;
}

/** `GET /admin/incidents?open=&workflowKey=&page=&pageSize=` */
export class IncidentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only open (or only resolved)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  open?: 'true' | 'false';

  @ApiPropertyOptional({ example: 'clinic-qualification-review' })
  @IsOptional()
  @Matches(DEFINITION_KEY, { message: 'workflowKey must be a workflow key (kebab-case)' })
  workflowKey?: string;
}

/** `:id` of an incident. */
export class IncidentIdParams {
  @ApiProperty({ example: '6650f0c2a1b2c3d4e5f60718' })
  @Matches(INCIDENT_ID, { message: 'id must be an incident id' })
  id!: string;
}

/** `POST /admin/incidents/:id/retry`: how many deliveries the job gets before the next incident. */
export class RetryIncidentDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_INCIDENT_RETRIES, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INCIDENT_RETRIES)
  retries?: number;
}
