import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequirePermissions } from '../../common/auth';
import { ErrorBodyDto } from '../../common/errors';
import { AuditLog, type AuditVerification } from './audit-log';
import { AuditSearch, type AuditPage } from './audit-search';
import { AuditQueryDto, toAuditSearchQuery } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Needs the `audit:read` permission', type: ErrorBodyDto })
@Controller('admin/audit')
export class AuditController {
  constructor(
    private readonly auditLog: AuditLog,
    private readonly auditSearch: AuditSearch,
  ) {}

  @Get('verify')
  @RequirePermissions('audit:read')
  @ApiOperation({
    summary: 'Walk the SM3 chain and name the first broken link',
    description:
      '`{ok, entries, headHash}` when intact; else `{ok:false, firstBrokenSeq, reason}`.',
  })
  @ApiOkResponse({ description: 'Verification result (200 whether or not the chain is intact)' })
  verify(): Promise<AuditVerification> {
    return this.auditLog.verify();
  }

  @Get()
  @RequirePermissions('audit:read')
  @ApiOperation({
    summary: 'Audit entries, newest first, filtered by actor, action, resource, time',
  })
  @ApiOkResponse({ description: '`{items, total, page, pageSize}`' })
  list(@Query() query: AuditQueryDto): Promise<AuditPage> {
    return this.auditSearch.search(toAuditSearchQuery(query));
  }
}
