import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_PURPOSE_LENGTH } from '../upload/upload-limits';

/** The text part allowed beside the file (multipart field `purpose`). */
export class UploadFileDto {
  @ApiPropertyOptional({
    description: 'What the file is for, e.g. `licence`, `complaint-image` (metadata only)',
    maxLength: MAX_PURPOSE_LENGTH,
    example: 'licence',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_PURPOSE_LENGTH)
  @Matches(/^[A-Za-z0-9_.:-]+$/)
  readonly purpose?: string;
}

/** OpenAPI shape of the multipart body (the file part is read by multer, not by a DTO). */
export class UploadFileBodyDto extends UploadFileDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'JPEG, PNG, WebP, GIF or PDF, ≤ 10 MB',
  })
  readonly file!: unknown;
}

export class UploadedFileDto {
  @ApiProperty({ example: '6650f0c2a1b2c3d4e5f60718', description: 'Put this id in file fields' })
  readonly id!: string;
  @ApiProperty({ example: 'image/png', description: 'Decided from the bytes' })
  readonly mimeType!: string;
  @ApiProperty({ example: 20480 })
  readonly size!: number;
}
