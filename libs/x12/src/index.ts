export * from './build-278-request';
export * from './build-278-response';
export * from './parse-278-request';
export * from './parse-278-response';
export * from './transaction-278';
export * from './x12-syntax';
