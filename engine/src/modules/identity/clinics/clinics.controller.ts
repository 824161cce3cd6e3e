import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  CLINIC_ROLES,
  CurrentPrincipal,
  Public,
  REGULATOR_ROLES,
  Roles,
  type Principal,
} from '../../../common/auth';
import { ErrorBodyDto } from '../../../common/errors';
import type { Page } from '../shared/pagination';
import { ClinicListQueryDto, ClinicStatusDto } from './clinic.dto';
import type { ClinicDetailView, ClinicRegistered, ClinicView } from './clinic.views';
import { ClinicsService } from './clinics.service';

@ApiTags('clinics')
@Controller('clinics')
export class ClinicsController {
  constructor(private readonly clinics: ClinicsService) {}

  @Post('register')
  @Public()
  @ApiOperation({
    summary:
      'Register a clinic and its administrator (values of the published clinic-registration form)',
  })
  @ApiBody({
    schema: {
      type: 'object',
      example: {
        institutionName: '东莞市万江某某诊所',
        institutionType: 'clinic',
        institutionAddress: { region: '441900005', detail: '万江街道金泰社区 1 号' },
        insuranceDesignated: true,
        loginAccount: '13387519110',
        password: 'Hblgzw135%',
      },
    },
  })
  @ApiCreatedResponse({ description: '{ institutionId, status: "pending", adminUserId }' })
  @ApiConflictResponse({ description: 'Name or phone already registered', type: ErrorBodyDto })
  @ApiUnprocessableEntityResponse({ description: 'Form validation failed', type: ErrorBodyDto })
  register(@Body() body: unknown): Promise<ClinicRegistered> {
    return this.clinics.register(body);
  }

  @Get()
  @ApiBearerAuth()
  @Roles(...CLINIC_ROLES, ...REGULATOR_ROLES)
  @ApiOperation({
    summary: 'Clinics in your scope (regulators: region subtree; clinic users: own)',
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ClinicListQueryDto,
  ): Promise<Page<ClinicView>> {
    return this.clinics.list(principal, query);
  }

  @Get(':id')
  @ApiBearerAuth()
  @Roles(...CLINIC_ROLES, ...REGULATOR_ROLES)
  @ApiOperation({ summary: 'One clinic with its review history' })
  @ApiNotFoundResponse({ description: 'Unknown or outside your scope', type: ErrorBodyDto })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<ClinicDetailView> {
    return this.clinics.get(principal, id);
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles(...REGULATOR_ROLES)
  @ApiOperation({ summary: 'Approve, reject, suspend or reinstate a clinic in your region' })
  @ApiConflictResponse({
    description: 'Transition not allowed from the current status',
    type: ErrorBodyDto,
  })
  changeStatus(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: ClinicStatusDto,
  ): Promise<ClinicDetailView> {
    return this.clinics.changeStatus(principal, id, body);
  }
}
