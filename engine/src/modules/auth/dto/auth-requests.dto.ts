import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import { SMS_PURPOSES, type SmsPurpose } from '../sms/sms-code.schema';

/**
 * Request bodies of /api/auth. Lengths are caps against oversized input, not the password
 * rule: that is checked by the service (422 with the path) so old passwords still sign in.
 */
const MAX_SECRET = 128;

export class LoginDto {
  @ApiProperty({ description: 'Username or bound phone number', example: 'demo-doctor' })
  @IsString()
  @Length(1, 64)
  readonly username!: string;

  @ApiProperty({ example: 'Sentinel@2026' })
  @IsString()
  @MaxLength(MAX_SECRET)
  readonly password!: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from login or the previous refresh' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'refreshToken must be a refresh token' })
  readonly refreshToken!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(MAX_SECRET)
  readonly oldPassword!: string;

  @ApiProperty({ description: '8–16 characters, no spaces, two of letters/digits/symbols' })
  @IsString()
  @MaxLength(MAX_SECRET)
  readonly newPassword!: string;
}

export class SmsCodeRequestDto {
  @ApiProperty({ example: '13412345678' })
  @IsString()
  @MaxLength(32)
  readonly phone!: string;

  @ApiProperty({ enum: SMS_PURPOSES, description: '`bind-phone` needs a bearer token' })
  @IsIn(SMS_PURPOSES)
  readonly purpose!: SmsPurpose;
}

export class SmsCodeDto {
  @ApiProperty({ example: '13412345678' })
  @IsString()
  @MaxLength(32)
  readonly phone!: string;

  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  readonly code!: string;
}

export class PasswordResetDto extends SmsCodeDto {
  @ApiProperty({ description: '8–16 characters, no spaces, two of letters/digits/symbols' })
  @IsString()
  @MaxLength(MAX_SECRET)
  readonly newPassword!: string;
}
