import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '../../../common/auth';
import type { AccountView } from '../accounts';
import type { LoginResult } from '../login/login.service';

/** OpenAPI description of `AccountView`. */
export class AccountViewDto implements AccountView {
  @ApiProperty({ example: '665f1c2e9b1e8a0012345678' }) readonly id!: string;
  @ApiProperty({ example: 'demo-doctor' }) readonly username!: string;
  @ApiProperty({ example: '张医生' }) readonly displayName!: string;
  @ApiProperty({ enum: ROLES, isArray: true }) readonly roles!: Role[];
  @ApiPropertyOptional() readonly institutionId?: string;
  @ApiPropertyOptional({ example: '441900' }) readonly regionCode?: string;
  @ApiPropertyOptional({
    example: 'DG007',
    description: 'Fever clinics: fever-clinics dictionary code',
  })
  readonly organisationCode?: string;
  @ApiPropertyOptional() readonly patientId?: string;
  @ApiProperty() readonly enabled!: boolean;
  @ApiPropertyOptional({ example: '134****5678' }) readonly phoneMasked?: string;
}

/** OpenAPI description of `LoginResult`. */
export class LoginResponseDto implements LoginResult {
  @ApiProperty({ description: 'Bearer token for `Authorization: Bearer …`' })
  readonly accessToken!: string;
  @ApiProperty({ description: 'Single use: each refresh returns the next one' })
  readonly refreshToken!: string;
  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  readonly expiresIn!: number;
  @ApiProperty({ type: AccountViewDto }) readonly user!: AccountViewDto;
}

export class SmsCodeAcceptedDto {
  @ApiProperty({ example: true }) readonly accepted!: true;
  @ApiProperty({ description: 'Seconds the code stays valid', example: 300 })
  readonly expiresIn!: number;
}
