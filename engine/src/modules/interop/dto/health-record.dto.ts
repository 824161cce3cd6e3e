import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { MAX_AUTH_DAYS } from '../health-record-interop.service';

/** 证件类型代码, seed 002 appendix 4. */
export const CARD_TYPES = ['01', '02', '03', '04', '05', '06', '07', '08', '99'] as const;

/** Printable text without `&` / `=`, which the retrieval template cannot escape. */
const TEMPLATE_SAFE = /^[^&=\p{Cc}]+$/u;

class PatientIdentityDto {
  @ApiProperty({ example: '张三', maxLength: 50 })
  @IsString()
  @Matches(TEMPLATE_SAFE)
  @Matches(/^.{1,50}$/s)
  readonly patientName!: string;

  @ApiProperty({ enum: CARD_TYPES, example: '01', description: '证件类型 (01 居民身份证 …)' })
  @IsIn(CARD_TYPES)
  readonly cardType!: string;

  @ApiProperty({ example: '110101199003075998', description: 'ID document number (never stored)' })
  @IsString()
  @Matches(/^[0-9A-Za-z()\- ]{4,32}$/)
  readonly idcard!: string;
}

export class AuthoriseHealthRecordDto extends PatientIdentityDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_AUTH_DAYS, default: MAX_AUTH_DAYS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_AUTH_DAYS)
  readonly authDays?: number;
}

export class RetrieveHealthRecordDto extends PatientIdentityDto {
  @ApiPropertyOptional({ example: 'MZ20240001', description: '患者院内 ID (the clinic’s own id)' })
  @IsOptional()
  @IsString()
  @Matches(TEMPLATE_SAFE)
  @Matches(/^.{1,64}$/s)
  readonly patientId?: string;
}

export class AuthorisationSummaryDto {
  @ApiProperty() readonly authorisationId!: string;
  @ApiProperty({ format: 'date-time' }) readonly authorisedAt!: string;
  @ApiProperty({ format: 'date-time' }) readonly expiresAt!: string;
  @ApiProperty({ example: 30 }) readonly authDays!: number;
}

export class RetrievalAddressDto {
  @ApiProperty({
    description: 'Open in the doctor’s browser; the engine never fetches or stores the record',
    example: 'https://qmjk.gd.gov.cn/gdehr/privilege/getPrivilege?param=55d0…&appId=ff80…',
  })
  readonly url!: string;
  @ApiProperty({ format: 'date-time' }) readonly authorisationExpiresAt!: string;
}
