export * from './outbound-url-policy';
export * from './outbound-url-policy.provider';
export * from './refused-connection';
export * from './network-errors';
export * from './outbound-post';
