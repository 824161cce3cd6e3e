import { Module } from '@nestjs/common';

/** Placeholder replaced by the module's implementation. */
@Module({})
export class AuthModule {}
