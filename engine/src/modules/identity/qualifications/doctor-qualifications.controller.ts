import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  CLINIC_ROLES,
  CurrentPrincipal,
  REGULATOR_ROLES,
  Roles,
  type Principal,
} from '../../../common/auth';
import { ErrorBodyDto } from '../../../common/errors';
import { PersonalListQueryDto } from '../shared/list-queries';
import type { Page } from '../shared/pagination';
import { RevealQueryDto } from '../shared/reveal';
import {
  DoctorQualificationsService,
  type DoctorQualificationView,
} from './doctor-qualifications.service';

const QUALIFICATION_EXAMPLE = {
  doctorName: '黄小俊',
  gender: '1',
  departmentCode: '001',
  idType: '01',
  idNumber: '441900198506150312',
  doctorRole: 'outpatientDoctor',
  title: '233',
  practiceCategory: 'clinical',
  practiceScope: ['internalMedicine'],
  multiSitePractice: false,
  qualificationCertNumber: '200644110441900198506150312',
  qualificationCertPhoto: ['<id from POST /api/files>'],
  practiceCertNumber: '110441900004512',
  practiceCertIssueDate: '2012-08-20',
  practiceCertPhoto: ['<id from POST /api/files>'],
};

@ApiTags('doctor-qualifications')
@ApiBearerAuth()
@Controller('doctor-qualifications')
export class DoctorQualificationsController {
  constructor(private readonly qualifications: DoctorQualificationsService) {}

  @Post()
  @Roles('clinic_admin', 'doctor')
  @ApiOperation({
    summary: 'Record a doctor qualification (values of the published doctor-qualification form)',
  })
  @ApiBody({ schema: { type: 'object', example: QUALIFICATION_EXAMPLE } })
  @ApiUnprocessableEntityResponse({
    description: 'Form validation failed, unknown department or unusable file id',
    type: ErrorBodyDto,
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
  ): Promise<DoctorQualificationView> {
    return this.qualifications.create(principal, body);
  }

  @Get()
  @Roles(...CLINIC_ROLES, ...REGULATOR_ROLES)
  @ApiOperation({
    summary: 'Qualifications in your scope, personal values masked unless ?unmask=true',
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PersonalListQueryDto,
  ): Promise<Page<DoctorQualificationView>> {
    return this.qualifications.list(principal, query);
  }

  @Get(':id')
  @Roles(...CLINIC_ROLES, ...REGULATOR_ROLES)
  @ApiNotFoundResponse({ description: 'Unknown or outside your scope', type: ErrorBodyDto })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Query() query: RevealQueryDto,
  ): Promise<DoctorQualificationView> {
    return this.qualifications.get(principal, id, query);
  }

  @Patch(':id')
  @Roles('clinic_admin', 'doctor')
  @ApiOperation({
    summary: 'Change a qualification (merge patch; administrators any, doctors their own)',
  })
  @ApiBody({ schema: { type: 'object', example: { title: '232' } } })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<DoctorQualificationView> {
    return this.qualifications.update(principal, id, body);
  }
}
