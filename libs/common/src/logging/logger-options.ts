import { type Logger, type LoggerOptions, pino } from 'pino';
import { REDACTED, REDACTED_HEADER_PATHS, redactPhi } from './phi-redaction';

export interface LoggingSettings {
  level: string;
  pretty: boolean;
  /** The process role written on every line: `api`, `worker`, `launcher`. */
  service: string;
}

export function buildPinoOptions(settings: LoggingSettings): LoggerOptions {
  return {
    level: settings.level,
    base: { service: settings.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_HEADER_PATHS, censor: REDACTED },
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactPhi(object) as Record<string, unknown>,
    },
    transport: settings.pretty
      ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } }
      : undefined,
  };
}

/** The process's one pino logger. Fastify logs requests through it, Nest's `Logger` through nestjs-pino. */
export const createLogger = (settings: LoggingSettings): Logger => pino(buildPinoOptions(settings));
