import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  CurrentPrincipal,
  REGULATOR_ROLES,
  RequirePermissions,
  Roles,
  type Principal,
} from '../../../common/auth';
import { ErrorBodyDto } from '../../../common/errors';
import type { Page } from '../shared/pagination';
import { RevealQueryDto } from '../shared/reveal';
import { StaffListQueryDto } from './staff.dto';
import { StaffService } from './staff.service';
import type { StaffView } from './staff.views';

const STAFF_EXAMPLE = {
  staffName: '黄小俊',
  gender: '2',
  departmentCode: '001',
  position: 'doctor',
  idType: '01',
  idNumber: '11010519491231002X',
  loginUsername: '13387519110',
  password: 'Hblgzw135%',
  role: 'outpatientDoctor',
  bindPhone: true,
  bindPhoneNumber: '13387519110',
  enabled: true,
};

/** Staff profiles: clinic administrators manage their own clinic's; regulators read their region's. */
@ApiTags('staff')
@ApiBearerAuth()
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Post()
  @RequirePermissions('institution:manage')
  @ApiOperation({
    summary: 'Add a staff member and their login (values of the published staff form)',
  })
  @ApiBody({ schema: { type: 'object', example: STAFF_EXAMPLE } })
  @ApiConflictResponse({
    description: 'Username, phone or ID number already used',
    type: ErrorBodyDto,
  })
  @ApiUnprocessableEntityResponse({
    description: 'Form validation failed, unknown/disabled department, or unmapped role',
    type: ErrorBodyDto,
  })
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<StaffView> {
    return this.staff.create(principal, body);
  }

  @Get()
  @Roles('clinic_admin', ...REGULATOR_ROLES)
  @ApiOperation({ summary: 'Staff in your scope, personal values masked unless ?unmask=true' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StaffListQueryDto,
  ): Promise<Page<StaffView>> {
    return this.staff.list(principal, query);
  }

  @Get(':id')
  @Roles('clinic_admin', ...REGULATOR_ROLES)
  @ApiNotFoundResponse({ description: 'Unknown or outside your scope', type: ErrorBodyDto })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: RevealQueryDto,
  ): Promise<StaffView> {
    return this.staff.get(principal, id, query);
  }

  @Patch(':id')
  @RequirePermissions('institution:manage')
  @ApiOperation({
    summary:
      'Change a staff profile (merge patch); login name, password, phone and enabled are refused here',
  })
  @ApiBody({ schema: { type: 'object', example: { position: 'intern', role: 'nurse' } } })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<StaffView> {
    return this.staff.update(principal, id, body);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @RequirePermissions('institution:manage')
  @ApiOperation({ summary: 'Enable the staff member and their login' })
  enable(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<StaffView> {
    return this.staff.setEnabled(principal, id, true);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @RequirePermissions('institution:manage')
  @ApiOperation({ summary: 'Disable the staff member; their tokens stop working at once' })
  disable(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<StaffView> {
    return this.staff.setEnabled(principal, id, false);
  }
}
