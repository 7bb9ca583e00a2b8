import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@continuum/common';

/** Makes one `Clock` injectable everywhere in a process; the system clock unless the entry point passes one. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
