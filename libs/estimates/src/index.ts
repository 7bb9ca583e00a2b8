export * from './estimate.errors';
export * from './estimate.types';
export * from './estimates.module';
export * from './estimates.service';
export * from './saved-estimates.service';
