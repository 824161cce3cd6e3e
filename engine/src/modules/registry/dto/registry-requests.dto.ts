import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsObject, IsOptional, Max, Min } from 'class-validator';

const MAX_REVISION = 1_000_000_000;

/** `PUT …/draft`: the whole definition and the revision the editor loaded (0 when creating). */
export class SaveDraftDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'form or dictionary' })
  @IsObject()
  definition!: Record<string, unknown>;

  @ApiProperty({ example: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_REVISION)
  revision!: number;
}

/** `POST …/publish`: the draft revision to publish and, optionally, when it takes effect. */
export class PublishDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_REVISION)
  revision!: number;

  @ApiProperty({ required: false, example: '2026-03-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  effectiveFrom?: string;
}

/** `PUT /admin/forms/:key/parameters`: new parameter values, e.g. `{ feverThreshold: 38.0 }`. */
export class PublishParametersDto {
  @ApiProperty({ type: 'object', additionalProperties: true, example: { feverThreshold: 38.0 } })
  @IsObject()
  values!: Record<string, unknown>;

  @ApiProperty({ required: false, example: '2026-03-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  effectiveFrom?: string;
}
