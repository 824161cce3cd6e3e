import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermissions, type Principal } from '../../../common/auth';
import { ErrorBodyDto } from '../../../common/errors';
import { IncidentIdParams, IncidentQueryDto, RetryIncidentDto } from './dto/workflow-admin.dto';
import { IncidentAdmin } from './incident-admin';

/** Jobs whose retries ran out, and giving them new ones (`workflows:admin`). */
@ApiTags('workflow admin')
@ApiBearerAuth()
@RequirePermissions('workflows:admin')
@ApiForbiddenResponse({ description: 'Needs the `workflows:admin` permission', type: ErrorBodyDto })
@Controller('admin/incidents')
export class IncidentsAdminController {
  constructor(private readonly incidents: IncidentAdmin) {}

  @Get()
  @ApiOperation({ summary: 'Incidents, filtered by open/resolved and workflow key' })
  @ApiOkResponse({ description: '`{items, total, page, pageSize}`' })
  list(@Query() query: IncidentQueryDto) {
    return this.incidents.list(query);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give the job fresh retries; it runs again at the next poll (audited)' })
  @ApiOkResponse({ description: 'The incident, now resolved' })
  @ApiNotFoundResponse({ description: 'INCIDENT_NOT_FOUND', type: ErrorBodyDto })
  retry(
    @Param() params: IncidentIdParams,
    @Body() body: RetryIncidentDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.incidents.retry(params.id, body.retries ?? 1, principal.userId);
  }
}
