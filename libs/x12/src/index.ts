export * from './build-278-request';
export * from './parse-278-response';
export * from './x12-syntax';
