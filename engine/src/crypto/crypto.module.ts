import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config';
import { HmacSm3BlindIndex } from './blind-index';
import { Sm4FieldCipher } from './field-cipher';
import { BlindIndex, FieldCipher } from './field-protection';
import { PasswordHasher } from './password-hasher';
import { Pbkdf2Sm3PasswordHasher } from './pbkdf2-sm3-password-hasher';

/**
 * 国密 primitives for every module: personal-field encryption (SM4-CBC + HMAC-SM3), the blind
 * index (HMAC-SM3) and password hashing (PBKDF2-HMAC-SM3), keyed from `security` in AppConfig.
 */
@Global()
@Module({
  providers: [
    {
      provide: FieldCipher,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new Sm4FieldCipher(config.security.fieldKeys),
    },
    {
      provide: BlindIndex,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new HmacSm3BlindIndex(config.security.blindIndexKey),
    },
    {
      provide: PasswordHasher,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new Pbkdf2Sm3PasswordHasher(config.security.passwordIterations),
    },
  ],
  exports: [FieldCipher, BlindIndex, PasswordHasher],
})
export class CryptoModule {}
