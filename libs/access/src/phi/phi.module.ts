import { Module } from '@nestjs/common';
import { AppConfig } from '@continuum/config';
import { activatePhiProtection, PhiProtection } from './phi-protection';

/** Parses the PHI keys at boot (a bad key stops the process) and arms the PHI columns with them. */
@Module({
  providers: [
    {
      provide: PhiProtection,
      inject: [AppConfig],
      useFactory: (config: AppConfig): PhiProtection => {
        const protection = PhiProtection.fromSettings(config.phi);
        activatePhiProtection(protection);
        return protection;
      },
    },
  ],
  exports: [PhiProtection],
})
export class PhiModule {}
