export * from './connection-errors';
export * from './data-source-options';
export * from './database.module';
export * from './embedded/embedded-postgres';
export * from './insert-rows';
export * from './migration-runner';
export * from './testing/test-databases';
