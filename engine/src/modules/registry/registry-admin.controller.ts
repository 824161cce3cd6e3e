import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal, RequirePermissions, type Principal } from '../../common/auth';
import { ErrorBodyDto } from '../../common/errors';
import type { DefinitionKind } from './definition-shape';
import { DefinitionKeyParams } from './dto/route-params.dto';
import { PublishDto, PublishParametersDto, SaveDraftDto } from './dto/registry-requests.dto';
import { RegistryPublisher } from './registry-publisher';

const optionalDate = (value: string | undefined): Date | undefined =>
  value === undefined ? undefined : new Date(value);

/**
 * Drafts and publication of forms and dictionaries, and parameter changes without a deploy.
 * Policy editors and province admins (`definitions:publish`).
 */
@ApiTags('registry admin')
@ApiBearerAuth()
@RequirePermissions('definitions:publish')
@Controller('admin')
export class RegistryAdminController {
  constructor(private readonly publisher: RegistryPublisher) {}

  @Get('forms/:key/draft')
  @ApiOperation({ summary: 'The form draft with its revision' })
  @ApiNotFoundResponse({ description: 'DRAFT_NOT_FOUND', type: ErrorBodyDto })
  formDraft(@Param() params: DefinitionKeyParams) {
    return this.publisher.draft('form', params.key);
  }

  @Put('forms/:key/draft')
  @ApiOperation({ summary: 'Save a form draft (revision 0 creates); answers static problems' })
  @ApiConflictResponse({ description: 'STALE_REVISION', type: ErrorBodyDto })
  saveFormDraft(
    @Param() params: DefinitionKeyParams,
    @Body() body: SaveDraftDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.saveDraft('form', params.key, body, principal);
  }

  @Post('forms/:key/publish')
  @ApiOperation({ summary: 'Publish the draft revision as a new immutable version' })
  @ApiCreatedResponse({ description: '{ key, version, effectiveFrom, checksum }' })
  @ApiUnprocessableEntityResponse({ description: 'PUBLISH_REFUSED', type: ErrorBodyDto })
  @ApiConflictResponse({ description: 'STALE_REVISION', type: ErrorBodyDto })
  publishForm(
    @Param() params: DefinitionKeyParams,
    @Body() body: PublishDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.publish('form', params.key, body, principal);
  }

  @Put('forms/:key/parameters')
  @HttpCode(201)
  @ApiOperation({
    summary: 'New version with only parameter values changed, gated by golden cases',
  })
  @ApiCreatedResponse({ description: '{ key, version, effectiveFrom, checksum }' })
  @ApiUnprocessableEntityResponse({
    description: 'INVALID_PARAMETERS or PUBLISH_REFUSED',
    type: ErrorBodyDto,
  })
  publishParameters(
    @Param() params: DefinitionKeyParams,
    @Body() body: PublishParametersDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.publisher.publishParameters(
      params.key,
      body.values,
      principal.userId,
      optionalDate(body.effectiveFrom),
    );
  }

  @Get('dictionaries/:key/draft')
  @ApiOperation({ summary: 'The dictionary draft with its revision' })
  @ApiNotFoundResponse({ description: 'DRAFT_NOT_FOUND', type: ErrorBodyDto })
  dictionaryDraft(@Param() params: DefinitionKeyParams) {
    return this.publisher.draft('dictionary', params.key);
  }

  @Put('dictionaries/:key/draft')
  @ApiOperation({ summary: 'Save a dictionary draft (revision 0 creates)' })
  @ApiConflictResponse({ description: 'STALE_REVISION', type: ErrorBodyDto })
  saveDictionaryDraft(
    @Param() params: DefinitionKeyParams,
    @Body() body: SaveDraftDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.saveDraft('dictionary', params.key, body, principal);
  }

  @Post('dictionaries/:key/publish')
  @ApiOperation({ summary: 'Publish; refused if a form in force that reads it would fail' })
  @ApiCreatedResponse({ description: '{ key, version, effectiveFrom, checksum }' })
  @ApiUnprocessableEntityResponse({ description: 'PUBLISH_REFUSED', type: ErrorBodyDto })
  publishDictionary(
    @Param() params: DefinitionKeyParams,
    @Body() body: PublishDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.publish('dictionary', params.key, body, principal);
  }

  private saveDraft(kind: DefinitionKind, key: string, body: SaveDraftDto, principal: Principal) {
    return this.publisher.saveDraft(kind, key, body.definition, body.revision, principal.userId);
  }

  private publish(kind: DefinitionKind, key: string, body: PublishDto, principal: Principal) {
    return this.publisher.publishDraft(
      kind,
      key,
      body.revision,
      principal.userId,
      optionalDate(body.effectiveFrom),
    );
  }
}
