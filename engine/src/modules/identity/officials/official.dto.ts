import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../shared/pagination';
import { OFFICIAL_ROLES, type OfficialRole } from './official.schema';

export class NewOfficialDto {
  @ApiProperty({ example: 'dg-dongcheng-reviewer' })
  @IsString()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'Review@2026' })
  @IsString()
  @MaxLength(64)
  password!: string;

  @ApiProperty({ example: '东城街道社区卫生服务中心审核员' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  displayName!: string;

  @ApiProperty({ enum: OFFICIAL_ROLES })
  @IsIn(OFFICIAL_ROLES)
  role!: OfficialRole;

  @ApiProperty({ example: '441900003', description: 'The region node the account answers for' })
  @Matches(/^\d{6,12}$/, { message: 'regionCode must be a region code of 6 to 12 digits' })
  regionCode!: string;

  @ApiPropertyOptional({
    example: 'DG007',
    description:
      'Role fever_clinic only (and then required): a code of the fever-clinics dictionary',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  organisationCode?: string;

  @ApiPropertyOptional({ example: '13400000099' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;
}

export class OfficialListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OFFICIAL_ROLES })
  @IsOptional()
  @IsIn(OFFICIAL_ROLES)
  role?: OfficialRole;

  @ApiPropertyOptional({ description: 'Only accounts at or below this region' })
  @IsOptional()
  @Matches(/^\d{6,12}$/, { message: 'regionCode must be a region code of 6 to 12 digits' })
  regionCode?: string;
}
