import { Module } from '@nestjs/common';
import { PersonalFields } from './personal-fields';
import { PersonalValues } from './personal-values';
import { AuditModule } from '../audit';

/**
 * Personal data at rest and in answers (ADR 0007), for every feature that stores it: one
 * integrity check and one tamper code. Needs `FieldCipher` and `BlindIndex` (the crypto module)
 * and `AuditLog` (for `tamper-detected` rows).
 */
@Module({
  imports: [AuditModule],
  providers: [PersonalValues, PersonalFields],
  exports: [PersonalValues, PersonalFields],
})
export class PersonalDataModule {}
