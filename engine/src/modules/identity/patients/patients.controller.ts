import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '../../../common/auth';
import { ErrorBodyDto } from '../../../common/errors';
import { RevealQueryDto } from '../shared/reveal';
import { PatientRegistrationDto } from './patient.dto';
import type { FamilyMemberView, PatientRegistered, PatientView } from './patient.views';
import { PatientsService } from './patients.service';

const MEMBER_EXAMPLE = {
  memberName: '张小明',
  relation: '20',
  memberIdType: '01',
  memberIdNumber: '441900201503070013',
  memberGender: '1',
  memberBirthDate: '2015-03-07',
};

/**
 * Patients reach only their own record, under `/patients/me`. Nothing here is addressed by a
 * patient id: `/patients/search` and any `/patients/:id` belong to the submissions module.
 */
@ApiTags('patients')
@Controller('patients')
export class PatientsController {
  constructor(private readonly patients: PatientsService) {}

  @Post('register')
  @Public()
  @ApiOperation({ summary: 'Self-registration: form values (incl. family members) and a password' })
  @ApiCreatedResponse({ description: '{ patientId, userId }; log in with the phone and password' })
  @ApiConflictResponse({ description: 'ID number or phone already registered', type: ErrorBodyDto })
  @ApiUnprocessableEntityResponse({
    description: 'Form validation or password rule failed',
    type: ErrorBodyDto,
  })
  register(@Body() body: PatientRegistrationDto): Promise<PatientRegistered> {
    return this.patients.register(body);
  }

  @Get('me')
  @ApiBearerAuth()
  @Roles('patient')
  @ApiOperation({
    summary: 'Your own record and family members (masked unless ?unmask=true; audited)',
  })
  me(
    @CurrentPrincipal() principal: Principal,
    @Query() query: RevealQueryDto,
  ): Promise<PatientView> {
    return this.patients.me(principal, query);
  }

  @Patch('me')
  @ApiBearerAuth()
  @Roles('patient')
  @ApiOperation({
    summary: 'Change your own fields (merge patch; phone and family members refused here)',
  })
  @ApiBody({ schema: { type: 'object', example: { crowdCategory: '01' } } })
  updateMe(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<PatientView> {
    return this.patients.updateMe(principal, body);
  }

  @Get('me/family-members')
  @ApiBearerAuth()
  @Roles('patient')
  familyMembers(
    @CurrentPrincipal() principal: Principal,
    @Query() query: RevealQueryDto,
  ): Promise<FamilyMemberView[]> {
    return this.patients.familyMembers(principal, query);
  }

  @Post('me/family-members')
  @ApiBearerAuth()
  @Roles('patient')
  @ApiOperation({ summary: 'Add a family member (one row of the familyMembers repeat)' })
  @ApiBody({ schema: { type: 'object', example: MEMBER_EXAMPLE } })
  addFamilyMember(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
  ): Promise<FamilyMemberView> {
    return this.patients.addFamilyMember(principal, body);
  }

  @Patch('me/family-members/:memberId')
  @ApiBearerAuth()
  @Roles('patient')
  @ApiBody({ schema: { type: 'object', example: { memberPhone: '13436350000' } } })
  updateFamilyMember(
    @CurrentPrincipal() principal: Principal,
    @Param('memberId') memberId: string,
    @Body() body: unknown,
  ): Promise<FamilyMemberView> {
    return this.patients.updateFamilyMember(principal, memberId, body);
  }

  @Delete('me/family-members/:memberId')
  @HttpCode(204)
  @ApiBearerAuth()
  @Roles('patient')
  @ApiNoContentResponse({ description: 'Removed' })
  removeFamilyMember(
    @CurrentPrincipal() principal: Principal,
    @Param('memberId') memberId: string,
  ): Promise<void> {
    return this.patients.removeFamilyMember(principal, memberId);
  }
}
