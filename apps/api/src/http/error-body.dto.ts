import { ApiProperty } from '@nestjs/swagger';

/** The body of every error answer. `code` is stable and meant for programs; `message` is for people. */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'validation_failed', description: 'Stable, machine-readable error code.' })
  code!: string;

  @ApiProperty({ example: 'Invalid request: household.size' })
  message!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { fields: [{ field: 'household.size', messages: ['household.size must be a positive number'] }] },
  })
  details!: Record<string, unknown>;
}
