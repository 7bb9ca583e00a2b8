export * from './payer-gateway.types';
export * from './sandbox-protocol';
export * from './sandbox.adapter';
export * from './x12.adapter';
export * from './manual.adapter';
export * from './payer-gateway.service';
export * from './payer-gateway.module';
