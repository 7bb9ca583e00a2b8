export * from './errors/app-error';
export * from './errors/common.errors';
export * from './logging/logger-options';
export * from './logging/phi-redaction';
export * from './logging/request-id';
export * from './process/free-port';
export * from './process/orphan-process';
export * from './process/entrypoint';
