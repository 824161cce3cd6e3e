import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../../../../common/http';
import { TASK_VIEWS, type TaskView } from '../task-jurisdiction-filter';
import type { TaskListQuery } from '../task-queries';

const LISTED_STATUSES = ['open', 'completed', 'cancelled'] as const;

/** `GET /api/tasks?view=&status=&workflowKey=&businessKey=&overdue=&page=&pageSize=` */
export class TaskListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: TASK_VIEWS,
    default: 'candidate',
    description:
      '`candidate`: tasks you can act on (your role, unclaimed, or claimed by you); `mine`: assigned to you; `cc`: copied to you (read-only); `all`: every task you may see',
  })
  @IsOptional()
  @IsIn(TASK_VIEWS)
  view?: TaskView;

  @ApiPropertyOptional({ enum: LISTED_STATUSES, default: 'open' })
  @IsOptional()
  @IsIn(LISTED_STATUSES)
  status?: (typeof LISTED_STATUSES)[number];

  @ApiPropertyOptional({ example: 'clinic-qualification-review' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9-]{0,63}$/)
  workflowKey?: string;

  @ApiPropertyOptional({ description: 'Usually the starting submission’s id' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  businessKey?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only (not) overdue open tasks' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';
}

export function toTaskListQuery(dto: TaskListQueryDto): TaskListQuery {
  return {
    view: dto.view ?? 'candidate',
    status: dto.status ?? 'open',
    ...(dto.workflowKey === undefined ? {} : { workflowKey: dto.workflowKey }),
    ...(dto.businessKey === undefined ? {} : { businessKey: dto.businessKey }),
    ...(dto.overdue === undefined ? {} : { overdue: dto.overdue === 'true' }),
    page: dto.page ?? 1,
    pageSize: dto.pageSize ?? DEFAULT_PAGE_SIZE,
  };
}
