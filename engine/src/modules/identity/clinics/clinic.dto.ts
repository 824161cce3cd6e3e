import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { InstitutionStatus } from '../../institutions';
import { PageQueryDto } from '../shared/pagination';
import { INSTITUTION_STATUSES } from '../../institutions';

export class ClinicListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INSTITUTION_STATUSES })
  @IsOptional()
  @IsIn(INSTITUTION_STATUSES)
  status?: InstitutionStatus;

  @ApiPropertyOptional({ description: 'Part of the institution name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ description: 'Only clinics under this region (within your own scope)' })
  @IsOptional()
  @Matches(/^\d{6,12}$/, { message: 'regionCode must be a region code of 6 to 12 digits' })
  regionCode?: string;
}

export class ClinicStatusDto {
  @ApiProperty({ enum: INSTITUTION_STATUSES })
  @IsIn(INSTITUTION_STATUSES)
  status!: InstitutionStatus;

  @ApiPropertyOptional({ description: 'Required when rejecting or suspending' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
