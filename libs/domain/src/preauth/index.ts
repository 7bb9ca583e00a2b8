export * from './decision-deadline';
export * from './preauth-request';
export * from './preauth-status';
export * from './decision-checks';
export * from './preauth-request-checks';
export * from './utilization-checks';
