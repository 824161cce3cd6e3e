import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiError } from '../../../common/errors';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '../../../common/http';
import { AUDIT_ACTIONS, type AuditAction } from '../audit-log';
import type { AuditSearchQuery } from '../audit-search';

/** `GET /api/admin/audit?actor=&action=&resource=&from=&to=&page=&pageSize=` */
export class AuditQueryDto extends PageQueryDto {
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
