import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CLINIC_ROLES, CurrentPrincipal, Roles, type Principal } from '../../common/auth';
import { PatientSearchDto } from './dto/submission-responses.dto';
import { PatientSearch } from './patient-search.service';
import { parseSearchQuery } from './submission-list-query';
import type { PatientMatch } from './submission-view';

/**
 * Only the search route: the identity module owns the rest of `/patients`. AppModule imports
 * this module first so `search` wins over `/patients/:id`.
 */
@ApiTags('submissions')
@ApiBearerAuth()
@Controller('patients')
export class PatientsSearchController {
  constructor(private readonly patients: PatientSearch) {}

  @Get('search')
  @Roles(...CLINIC_ROLES)
  @ApiOperation({
    summary: 'Find a returning patient by exact name, phone or ID number (blind index, masked)',
  })
  @ApiQuery({ name: 'q', required: true })
  @ApiOkResponse({ type: PatientSearchDto })
  search(
    @CurrentPrincipal() principal: Principal,
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
  ): Promise<{ readonly items: readonly PatientMatch[] }> {
    return this.patients.search({ principal, ip: request.ip }, parseSearchQuery(query).q);
  }
}
