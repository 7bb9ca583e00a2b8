export * from './price-insured';
export * from './price-self-pay';
export * from './pricing.types';
