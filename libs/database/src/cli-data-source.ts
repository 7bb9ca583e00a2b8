/**
 * The DataSource the TypeORM CLI uses (`npm run migration:generate|run|revert`). Like every entry point it
 * reads the environment once; it needs DATABASE_URL (`npm start` prints the embedded one).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '@continuum/config';
import { buildDataSourceOptions } from './data-source-options';

const environment = loadEnvironment(process.env, 'launcher');
if (environment.DATABASE_URL === undefined) {
  throw new Error('DATABASE_URL is required for the migration commands (npm start prints the embedded one)');
}

export default new DataSource(
  buildDataSourceOptions({ url: environment.DATABASE_URL, poolSize: 2 }, 'continuum-migrations-cli'),
);
