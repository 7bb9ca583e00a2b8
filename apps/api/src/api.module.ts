import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { buildLoggerModuleParams } from '@continuum/common';
import { type AppConfig, ConfigModule } from '@continuum/config';
import { DatabaseModule } from '@continuum/database';
import { QueueModule } from '@continuum/queue';
import { SystemModule } from '@continuum/system';
import { HealthController } from './health/health.controller';
import { SystemController } from './system/system.controller';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(buildLoggerModuleParams(logger)),
        DatabaseModule,
        QueueModule,
        SystemModule,
      ],
      controllers: [HealthController, SystemController],
    };
  }
}
