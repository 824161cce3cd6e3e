import { Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/**
 * One `Clock` for the whole engine: lockouts, token expiry, task deadlines and interop
 * authorisations all read the same time, so a test that moves it moves it everywhere.
 * Not global: a module that reads the time says so by importing this one.
 */
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
export class ClockModule {}
