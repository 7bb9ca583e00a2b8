import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ example: 'ok' })
  status!: 'ok';
}

export class DependencyCheckDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiProperty({ example: 2 })
  latencyMs!: number;

  @ApiPropertyOptional({ example: 'no answer within 2000 ms' })
  error?: string;
}

export class WorkerCheckDto {
  @ApiProperty({
    enum: ['up', 'stale', 'none', 'unknown'],
    description: '`up`: a heartbeat within three intervals; `stale`: older; `none`: never; `unknown`: database down.',
  })
  status!: 'up' | 'stale' | 'none' | 'unknown';

  @ApiProperty({ type: String, nullable: true, example: '2026-11-22T20:15:03.120Z' })
  lastBeatAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 4.2 })
  ageSeconds!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'host/4242/a1b2c3' })
  workerId!: string | null;
}

export class ReadinessChecksDto {
  @ApiProperty({ type: DependencyCheckDto })
  database!: DependencyCheckDto;

  @ApiProperty({ type: DependencyCheckDto })
  redis!: DependencyCheckDto;

  @ApiProperty({ type: WorkerCheckDto })
  worker!: WorkerCheckDto;
}

export class ReadinessDto {
  @ApiProperty({
    enum: ['ok', 'degraded', 'unavailable'],
    description:
      '`ok`: ready; `degraded`: the API serves but no worker has beaten recently (answered 200); ' +
      '`unavailable`: database or Redis unreachable (answered 503).',
  })
  status!: 'ok' | 'degraded' | 'unavailable';

  @ApiProperty({ type: ReadinessChecksDto })
  checks!: ReadinessChecksDto;
}
