export * from './catalog-problems';
export * from './date-only';
export * from './iop-program';
export * from './levels-of-care';
export * from './money';
export * from './poverty-guidelines';
export * from './sliding-scale';
export * from './us-states';
