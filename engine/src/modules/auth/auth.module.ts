import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';
import { ClockModule } from '../../common/clock';
import { AppConfig, type SmsConfig } from '../../config';
import { AccountViews } from './accounts/account-views';
import { AccountsService } from './accounts/accounts.service';
import { USER_MODEL, UserRepository } from './accounts/user.repository';
import { userSchema } from './accounts/user.schema';
import { Accounts } from './accounts';
import { AuthController } from './auth.controller';
import { AuthGuard } from './guard/auth.guard';
import { PrincipalCache } from './guard/principal-cache';
import { PrincipalResolver } from './guard/principal-resolver';
import { LoginAttempts } from './login/login-attempts';
import { LoginService } from './login/login.service';
import { PasswordService } from './login/password.service';
import { SmsCodeRequests } from './login/sms-code-requests';
import { HttpSmsSender } from './sms/http-sms-sender';
import { LogSmsSender } from './sms/log-sms-sender';
import { SMS_CODE_MODEL, SmsCodeRepository } from './sms/sms-code.repository';
import { smsCodeSchema } from './sms/sms-code.schema';
import { SmsCodes } from './sms/sms-codes.service';
import { SmsSender } from './sms/sms-sender';
import { REFRESH_TOKEN_MODEL, RefreshTokenRepository } from './tokens/refresh-token.repository';
import { refreshTokenSchema } from './tokens/refresh-token.schema';
import { TokenService } from './tokens/token.service';
import { AuditModule } from '../audit';
import { InstitutionsModule } from '../institutions';

/** SMS providers by `SENTINEL_SMS_PROVIDER`; a new gateway is one more entry. */
const SMS_SENDERS: Readonly<Record<SmsConfig['provider'], (config: AppConfig) => SmsSender>> = {
  log: () => new LogSmsSender(),
  http: (config) => new HttpSmsSender(config),
};

/**
 * Accounts (`users`), tokens (`refresh_tokens`), SMS codes (`sms_codes`) and the global guard
 * that turns a bearer token into `request.principal` on every route not marked `@Public()` (an
 * `APP_GUARD`, so app-wide without the module being global). Identity and tasks import it for
 * `Accounts` (ADR 0015).
 */
@Module({
  imports: [
    InstitutionsModule,
    AuditModule,
    ClockModule,
    MongooseModule.forFeature([
      { name: USER_MODEL, schema: userSchema },
      { name: REFRESH_TOKEN_MODEL, schema: refreshTokenSchema },
      { name: SMS_CODE_MODEL, schema: smsCodeSchema },
    ]),
  ],
  controllers: [AuthController],
  providers: [
    {
      provide: SmsSender,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => SMS_SENDERS[config.sms.provider](config),
    },
    UserRepository,
    RefreshTokenRepository,
    SmsCodeRepository,
    AccountViews,
    { provide: Accounts, useClass: AccountsService },
    TokenService,
    SmsCodes,
    PrincipalCache,
    PrincipalResolver,
    LoginAttempts,
    LoginService,
    PasswordService,
    SmsCodeRequests,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [Accounts, SmsCodes],
})
export class AuthModule {}
