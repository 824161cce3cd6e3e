import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ApiError } from '../../../common/errors';
import { AUDIT_ACTIONS, type AuditAction } from '../audit-log';
import type { AuditSearchQuery } from '../audit-search';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** `GET /api/admin/audit?actor=&action=&resource=&from=&to=&page=&pageSize=` */
export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'User id, `system` or `anonymous`' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  actor?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ description: 'Resource kind, e.g. `submissions`' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  resource?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 date-time, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO 8601 date-time, inclusive' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

/** The validated query as the search port takes it; `from` after `to` is a 400 naming `/from`. */
export function toAuditSearchQuery(dto: AuditQueryDto): AuditSearchQuery {
  const from = dto.from === undefined ? undefined : new Date(dto.from);
  const to = dto.to === undefined ? undefined : new Date(dto.to);
  if (from !== undefined && to !== undefined && from > to) {
    throw ApiError.single(400, 'INVALID_RANGE', '/from', {
      zh: '开始时间不能晚于结束时间',
      en: '`from` must not be after `to`',
    });
  }
  return {
    actor: dto.actor,
    action: dto.action,
    resource: dto.resource,
    from,
    to,
    page: dto.page ?? 1,
    pageSize: dto.pageSize ?? DEFAULT_PAGE_SIZE,
  };
}
