import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { type AppConfig, ConfigModule } from '@continuum/config';
import { DatabaseModule } from '@continuum/database';
import { QueueModule } from '@continuum/queue';
import { LoggingModule, SystemModule } from '@continuum/system';
import { HealthController } from './health/health.controller';
import { SystemController } from './system/system.controller';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: ApiModule,
      imports: [ConfigModule.forRoot(config), LoggingModule.forRoot(logger), DatabaseModule, QueueModule, SystemModule],
      controllers: [HealthController, SystemController],
    };
  }
}
