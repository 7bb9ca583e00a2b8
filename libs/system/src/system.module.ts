import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueModule } from '@continuum/queue';
import { HeartbeatService } from './heartbeat.service';
import { QueueProbeService } from './queue-probe.service';
import { ReadinessService } from './readiness.service';
import { WorkerHeartbeatEntity } from './worker-heartbeat.entity';

/** Operability: worker heartbeats, readiness, the queue probe. */
@Module({
  imports: [TypeOrmModule.forFeature([WorkerHeartbeatEntity]), QueueModule],
  providers: [HeartbeatService, ReadinessService, QueueProbeService],
  exports: [HeartbeatService, ReadinessService, QueueProbeService],
})
export class SystemModule {}
