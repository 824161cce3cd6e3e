import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth';
import { ErrorBodyDto } from '../../common/errors';
import { CachedDefinitionRegistry } from './cached-definition-registry';
import { DefinitionKeyParams, DefinitionVersionParams, RenderQuery } from './dto/route-params.dto';
import { definitionNotFound, versionNotFound } from './registry-errors';
import { formSummary, formView, versionList } from './registry-views';

/** Published forms; public, since definitions are not secret and renderers fetch them first. */
@ApiTags('forms')
@Public()
@Controller('forms')
export class FormsController {
  constructor(private readonly registry: CachedDefinitionRegistry) {}

  @Get()
  @ApiOperation({ summary: 'Every form in force, without definitions' })
  async list() {
    return { items: (await this.registry.currentForms()).map(formSummary) };
  }

  @Get(':key')
  @ApiOperation({ summary: 'The version in force (latest whose effectiveFrom has passed)' })
  @ApiOkResponse({
    description: 'Definition, parameters, dictionary versions; `rendered` on request',
  })
  @ApiNotFoundResponse({ description: 'FORM_NOT_FOUND', type: ErrorBodyDto })
  async current(@Param() params: DefinitionKeyParams, @Query() query: RenderQuery) {
    const form = await this.registry.currentForm(params.key);
    if (form === null) throw definitionNotFound('form', params.key);
    return formView(form, query);
  }

  @Get(':key/versions')
  @ApiOperation({ summary: 'Every version of a form, oldest first, and which is in force' })
  async versions(@Param() params: DefinitionKeyParams) {
    const pointers = await this.registry.versions('form', params.key);
    if (pointers.length === 0) throw definitionNotFound('form', params.key);
    const current = await this.registry.currentForm(params.key);
    return versionList(params.key, pointers, current?.version);
  }

  @Get(':key/versions/:version')
  @ApiOperation({ summary: 'One version, in force or not (reports pinned to it validate on it)' })
  @ApiNotFoundResponse({ description: 'FORM_VERSION_NOT_FOUND', type: ErrorBodyDto })
  async version(@Param() params: DefinitionVersionParams, @Query() query: RenderQuery) {
    const version = Number(params.version);
    const form = await this.registry.formVersion(params.key, version);
    if (form !== null) return formView(form, query);
    const known = await this.registry.versions('form', params.key);
    throw known.length === 0
      ? definitionNotFound('form', params.key)
      : versionNotFound('form', params.key, version);
  }
}
