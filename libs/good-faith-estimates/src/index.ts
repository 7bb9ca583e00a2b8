export * from './good-faith-estimate-document';
export * from './good-faith-estimate.types';
export * from './good-faith-estimates.module';
export * from './good-faith-estimates.service';
