import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../../../common/auth';
import { ErrorBodyDto } from '../../../common/errors';
import type { Page } from '../shared/pagination';
import { NewOfficialDto, OfficialListQueryDto } from './official.dto';
import type { OfficialView } from './official.schema';
import { OfficialsService } from './officials.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/users')
@Roles('province_admin')
export class OfficialsController {
  constructor(private readonly officials: OfficialsService) {}

  @Post()
  @ApiOperation({
    summary:
      'Create a regulator, policy-editor, insurance-reviewer, epidemic-handler or fever-clinic account for a region within yours',
  })
  @ApiConflictResponse({ description: 'Username or phone taken', type: ErrorBodyDto })
  @ApiForbiddenResponse({ description: 'Region outside yours', type: ErrorBodyDto })
  @ApiUnprocessableEntityResponse({
    description:
      'Unknown region, level unsuited to the role, weak password, missing or unknown fever clinic code',
    type: ErrorBodyDto,
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: NewOfficialDto,
  ): Promise<OfficialView> {
    return this.officials.create(principal, body);
  }

  @Get()
  @ApiOperation({
    summary:
      'Official accounts (regulators, policy, insurance, epidemic, fever clinics) in your region',
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: OfficialListQueryDto,
  ): Promise<Page<OfficialView>> {
    return this.officials.list(principal, query);
  }
}
