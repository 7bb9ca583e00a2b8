import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';

/**
 * Routes Nest's `Logger` through the process's pino logger. nestjs-pino reuses Fastify's per-request logger
 * (`useExisting`), so every line logged while handling a request, from any class, carries its `requestId`.
 */
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: { logger },
          useExisting: true,
          // nestjs-pino's default route pattern does not match under @nestjs/platform-fastify 12; this one does.
          forRoutes: [{ path: '/{*splat}', method: RequestMethod.ALL }],
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
