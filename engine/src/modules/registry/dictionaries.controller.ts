import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth';
import { ErrorBodyDto } from '../../common/errors';
import { CachedDefinitionRegistry } from './cached-definition-registry';
import { DefinitionKeyParams, DefinitionVersionParams } from './dto/route-params.dto';
import { definitionNotFound, versionNotFound } from './registry-errors';
import { dictionarySummary, dictionaryView, versionList } from './registry-views';

/** Published dictionaries (code lists); public like forms. */
@ApiTags('dictionaries')
@Public()
@Controller('dictionaries')
export class DictionariesController {
  constructor(private readonly registry: CachedDefinitionRegistry) {}

  @Get()
  @ApiOperation({ summary: 'Every dictionary in force, without items' })
  async list() {
    return { items: (await this.registry.currentDictionaries()).map(dictionarySummary) };
  }

  @Get(':key')
  @ApiOperation({ summary: 'The version in force' })
  @ApiNotFoundResponse({ description: 'DICTIONARY_NOT_FOUND', type: ErrorBodyDto })
  async current(@Param() params: DefinitionKeyParams) {
    const dictionary = await this.registry.currentDictionary(params.key);
    if (dictionary === null) throw definitionNotFound('dictionary', params.key);
    return dictionaryView(dictionary);
  }

  @Get(':key/versions')
  @ApiOperation({ summary: 'Every version of a dictionary, oldest first' })
  async versions(@Param() params: DefinitionKeyParams) {
    const pointers = await this.registry.versions('dictionary', params.key);
    if (pointers.length === 0) throw definitionNotFound('dictionary', params.key);
    const current = await this.registry.currentDictionary(params.key);
    return versionList(params.key, pointers, current?.version);
  }

  @Get(':key/versions/:version')
  @ApiOperation({ summary: 'One version, in force or not' })
  @ApiNotFoundResponse({ description: 'DICTIONARY_VERSION_NOT_FOUND', type: ErrorBodyDto })
  async version(@Param() params: DefinitionVersionParams) {
    const version = Number(params.version);
    const dictionary = await this.registry.dictionaryVersion(params.key, version);
    if (dictionary !== null) return dictionaryView(dictionary);
    const known = await this.registry.versions('dictionary', params.key);
    throw known.length === 0
      ? definitionNotFound('dictionary', params.key)
      : versionNotFound('dictionary', params.key, version);
  }
}
