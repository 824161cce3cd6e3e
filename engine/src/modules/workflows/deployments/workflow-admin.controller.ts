import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, RequirePermissions, type Principal } from '../../../common/auth';
import { ErrorBodyDto } from '../../../common/errors';
import { DefinitionKeyParams, DefinitionVersionParams } from '../../registry';
import { deployView, type DeployView } from './deployment-views';
import { DeployWorkflowDto } from './dto/workflow-admin.dto';
import { WorkflowCatalog } from './workflow-catalog';
import { WorkflowDeployer } from './workflow-deployer';

/** Where the definition sits in the request body: error paths point under it. */
const DEFINITION_PATH = '/definition';

/** Deploying and reading workflow versions (province admins, `workflows:admin`). */
@ApiTags('workflow admin')
@ApiBearerAuth()
@RequirePermissions('workflows:admin')
@ApiForbiddenResponse({ description: 'Needs the `workflows:admin` permission', type: ErrorBodyDto })
@Controller('admin/workflows')
export class WorkflowAdminController {
  constructor(
    private readonly deployer: WorkflowDeployer,
    private readonly catalog: WorkflowCatalog,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The latest version of every workflow' })
  @ApiOkResponse({ description: '`{items: [{key, version, title, startForm, deployedAt}]}`' })
  list() {
    return this.catalog.latestOfEach();
  }

  @Post()
  @ApiOperation({
    summary: 'Deploy a workflow: meta-schema, portable-subset lint, then a new immutable version',
  })
  @ApiCreatedResponse({ description: 'A new version: `{key, version, processId, checksum, ...}`' })
  @ApiOkResponse({ description: 'The same text as the latest version: `created: false`' })
  @ApiBadRequestResponse({
    description: 'WORKFLOW_INVALID, paths under /definition',
    type: ErrorBodyDto,
  })
  @ApiConflictResponse({ description: 'WORKFLOW_VERSION_CONFLICT', type: ErrorBodyDto })
  async deploy(
    @Body() body: DeployWorkflowDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DeployView> {
    const outcome = await this.deployer.deploy(body.definition, principal.userId, DEFINITION_PATH);
    response.status(outcome.created ? 201 : 200);
    return deployView(outcome);
  }

  @Post('lint')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dry run of a deploy: the problems it would refuse, nothing stored' })
  @ApiOkResponse({ description: '`{problems: []}`' })
  @ApiBadRequestResponse({
    description: 'WORKFLOW_INVALID, paths under /definition',
    type: ErrorBodyDto,
  })
  lint(@Body() body: DeployWorkflowDto) {
    return this.deployer.lint(body.definition, DEFINITION_PATH);
  }

  @Get(':key')
  @ApiOperation({ summary: 'Every version of a workflow, oldest first' })
  @ApiNotFoundResponse({ description: 'WORKFLOW_NOT_FOUND', type: ErrorBodyDto })
  versions(@Param() params: DefinitionKeyParams) {
    return this.catalog.versionsOf(params.key);
  }

  @Get(':key/versions/:version')
  @ApiOperation({ summary: 'One version with its full definition (BPMN XML included)' })
  @ApiNotFoundResponse({
    description: 'WORKFLOW_NOT_FOUND or WORKFLOW_VERSION_NOT_FOUND',
    type: ErrorBodyDto,
  })
  version(@Param() params: DefinitionVersionParams) {
    return this.catalog.versionOf(params.key, Number(params.version));
  }
}
