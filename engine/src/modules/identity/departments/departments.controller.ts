import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  CLINIC_ROLES,
  CurrentPrincipal,
  REGULATOR_ROLES,
  RequirePermissions,
  Roles,
  type Principal,
} from '../../../common/auth';
import { ErrorBodyDto } from '../../../common/errors';
import type { Page } from '../shared/pagination';
import { DepartmentListQueryDto } from './department.dto';
import type { DepartmentView } from './department.schema';
import { DepartmentsService } from './departments.service';

const DEPARTMENT_EXAMPLE = {
  departmentCode: '001',
  departmentName: '口腔科',
  medicalSubject: '12',
  enabled: true,
};

@ApiTags('departments')
@ApiBearerAuth()
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Post()
  @RequirePermissions('institution:manage')
  @ApiOperation({
    summary: 'Add a department to your institution (values of the published department form)',
  })
  @ApiBody({ schema: { type: 'object', example: DEPARTMENT_EXAMPLE } })
  @ApiConflictResponse({ description: 'Code already used in the institution', type: ErrorBodyDto })
  @ApiUnprocessableEntityResponse({ description: 'Form validation failed', type: ErrorBodyDto })
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<DepartmentView> {
    return this.departments.create(principal, body);
  }

  @Get()
  @Roles(...CLINIC_ROLES, ...REGULATOR_ROLES)
  @ApiOperation({ summary: 'Departments in your scope' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: DepartmentListQueryDto,
  ): Promise<Page<DepartmentView>> {
    return this.departments.list(principal, query);
  }

  @Get(':id')
  @Roles(...CLINIC_ROLES, ...REGULATOR_ROLES)
  @ApiNotFoundResponse({ description: 'Unknown or outside your scope', type: ErrorBodyDto })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<DepartmentView> {
    return this.departments.get(principal, id);
  }

  @Patch(':id')
  @RequirePermissions('institution:manage')
  @ApiOperation({ summary: 'Change a department (merge patch; null clears an optional field)' })
  @ApiBody({ schema: { type: 'object', example: { departmentName: '全科', enabled: false } } })
  @ApiConflictResponse({
    description: 'Code taken, or code change of a department in use',
    type: ErrorBodyDto,
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<DepartmentView> {
    return this.departments.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('institution:manage')
  @ApiOperation({ summary: 'Delete an unused department (one in use must be disabled instead)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiConflictResponse({ description: 'Staff or qualifications refer to it', type: ErrorBodyDto })
  remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    return this.departments.remove(principal, id);
  }
}
