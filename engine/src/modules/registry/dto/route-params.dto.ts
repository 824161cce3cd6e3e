import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

/** Keys of forms and dictionaries: kebab-case, as in the meta-schema's `definitionKey`. */
export const DEFINITION_KEY = /^[a-z][a-z0-9-]{0,63}$/;

/** `:key` of a form or dictionary route. */
export class DefinitionKeyParams {
  @ApiProperty({ example: 'patient-visit-report' })
  @Matches(DEFINITION_KEY, {
    message: 'key must be kebab-case (a-z, 0-9, -), at most 64 characters',
  })
  key!: string;
}

/** `:key/versions/:version`; the version stays a string until it has passed the pattern. */
export class DefinitionVersionParams extends DefinitionKeyParams {
  @ApiProperty({ example: '1', description: 'a positive integer' })
  @Matches(/^[1-9][0-9]{0,8}$/, { message: 'version must be a positive integer' })
  version!: string;
}

/** Optional rendering of a form for a client renderer. */
export class RenderQuery {
  @ApiProperty({ required: false, enum: ['formily', 'json-schema'] })
  @IsOptional()
  @IsIn(['formily', 'json-schema'])
  render?: 'formily' | 'json-schema';

  @ApiProperty({ required: false, enum: ['zh', 'en'], description: 'language of rendered labels' })
  @IsOptional()
  @IsIn(['zh', 'en'])
  locale?: 'zh' | 'en';
}
