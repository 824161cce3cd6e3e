import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, OptionalPrincipal, Public, type Principal } from '../../common/auth';
import { ErrorBodyDto } from '../../common/errors';
import { Accounts, type AccountView } from './accounts';
import { authErrors } from './auth-errors';
import {
  ChangePasswordDto,
  LoginDto,
  PasswordResetDto,
  RefreshDto,
  SmsCodeDto,
  SmsCodeRequestDto,
} from './dto/auth-requests.dto';
import { AccountViewDto, LoginResponseDto, SmsCodeAcceptedDto } from './dto/auth-responses.dto';
import { LoginService, type LoginResult } from './login/login.service';
import { PasswordService } from './login/password.service';
import { SmsCodeRequests } from './login/sms-code-requests';
import { SMS_CODE_TTL_MS } from './sms/sms-codes.service';

const refusal = (status: number, description: string) =>
  ApiResponse({ status, description, type: ErrorBodyDto });

/** Sign-in, tokens, passwords and SMS codes. Thin: each route hands its DTO to one service. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginService,
    private readonly passwords: PasswordService,
    private readonly smsCodeRequests: SmsCodeRequests,
    private readonly accounts: Accounts,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with username (or bound phone) and password' })
  @ApiOkResponse({ type: LoginResponseDto })
  @refusal(401, 'INVALID_CREDENTIALS: unknown user or wrong password (indistinguishable)')
  @refusal(403, 'ACCOUNT_DISABLED')
  @refusal(423, 'ACCOUNT_LOCKED: five failures within 15 minutes lock the account for 15 minutes')
  signIn(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResult> {
    return this.login.withPassword(body.username, body.password, ip);
  }

  @Public()
  @Post('login/sms')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with a code texted for purpose `login`' })
  @ApiOkResponse({ type: LoginResponseDto })
  @refusal(422, 'SMS_CODE_*: wrong, used, expired or not requested')
  signInWithSms(@Body() body: SmsCodeDto, @Ip() ip: string): Promise<LoginResult> {
    return this.login.withSmsCode(body.phone, body.code, ip);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair (the old one is spent)',
    description: 'Presenting a spent refresh token revokes its whole family (theft detection).',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @refusal(401, 'INVALID_REFRESH_TOKEN')
  refresh(@Body() body: RefreshDto, @Ip() ip: string): Promise<LoginResult> {
    return this.login.refresh(body.refreshToken, ip);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of this refresh token (its whole family)' })
  @ApiNoContentResponse()
  logout(@Body() body: RefreshDto, @Ip() ip: string): Promise<void> {
    return this.login.logout(body.refreshToken, ip);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in account' })
  @ApiOkResponse({ type: AccountViewDto })
  @refusal(401, 'UNAUTHENTICATED')
  async me(@CurrentPrincipal() principal: Principal): Promise<AccountView> {
    const account = await this.accounts.findById(principal.userId);
    if (account === null) throw authErrors.unauthenticated();
    return account;
  }

  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change the password; every other session ends, this client gets a new pair',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @refusal(422, 'PASSWORD_RULE, PASSWORD_UNCHANGED or PASSWORD_INCORRECT')
  changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
    @Ip() ip: string,
  ): Promise<LoginResult> {
    return this.passwords.change(principal.userId, body.oldPassword, body.newPassword, ip);
  }

  @Public()
  @Post('sms-codes')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Text a 6-digit code (valid 5 minutes; 1 a minute, 5 an hour per phone)',
    description:
      'For `password-reset` and `login` the answer is the same whether or not the number has an account; a message goes out only if it has one. `bind-phone` needs a bearer token.',
  })
  @ApiAcceptedResponse({ type: SmsCodeAcceptedDto })
  @refusal(429, 'SMS_RATE_LIMITED')
  @refusal(502, 'SMS_DELIVERY_FAILED')
  async requestSmsCode(
    @Body() body: SmsCodeRequestDto,
    @OptionalPrincipal() caller: Principal | undefined,
  ): Promise<SmsCodeAcceptedDto> {
    await this.smsCodeRequests.request(body.phone, body.purpose, caller);
    return { accepted: true, expiresIn: SMS_CODE_TTL_MS / 1000 };
  }

  @Public()
  @Post('password-reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a new password with a `password-reset` code; all sessions end' })
  @ApiNoContentResponse()
  @refusal(422, 'PASSWORD_RULE or SMS_CODE_*')
  resetPassword(@Body() body: PasswordResetDto, @Ip() ip: string): Promise<void> {
    return this.passwords.reset(body.phone, body.code, body.newPassword, ip);
  }

  @Post('phone')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Bind a phone to the caller's account with a `bind-phone` code" })
  @ApiOkResponse({ type: AccountViewDto })
  @refusal(409, 'PHONE_TAKEN: one phone, one account')
  async bindPhone(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SmsCodeDto,
  ): Promise<AccountView> {
    await this.accounts.bindPhone(principal.userId, body.phone, body.code);
    const account = await this.accounts.findById(principal.userId);
    if (account === null) throw authErrors.unauthenticated();
    return account;
  }
}
