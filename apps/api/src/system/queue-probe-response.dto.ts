import { ApiProperty } from '@nestjs/swagger';

export class QueueProbeResponseDto {
  @ApiProperty({ format: 'uuid' })
  probeId!: string;

  @ApiProperty({ example: 'host/4242/a1b2c3', description: 'The worker process that ran the probe job.' })
  workerId!: string;

  @ApiProperty({ example: 12, description: 'From enqueueing the job to hearing that a worker finished it.' })
  roundTripMs!: number;
}
