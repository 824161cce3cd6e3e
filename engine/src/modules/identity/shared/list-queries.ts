import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from './pagination';

/** Filters shared by the institution-scoped lists (departments, staff, qualifications). */
export class InstitutionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Regulators: one institution in your region' })
  @IsOptional()
  @Matches(/^[0-9a-f]{24}$/i, { message: 'institutionId must be a record id' })
  institutionId?: string;
}

/** An institution-scoped list of records with personal fields. */
export class PersonalListQueryDto extends InstitutionListQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Personal values in clear (needs personal-data:unmask; audited)',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  unmask?: 'true' | 'false';
}
