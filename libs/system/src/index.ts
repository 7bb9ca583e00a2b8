export * from './clock.module';
export * from './heartbeat.service';
export * from './logging.module';
export * from './queue-probe.service';
export * from './readiness.service';
export * from './system.module';
export * from './worker-heartbeat.entity';
export * from './worker-identity';
