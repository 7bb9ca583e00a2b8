import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  GfeItemDto,
  GfeLocationDto,
  GfePatientDto,
  GfeSeparateServiceDto,
  GfeServiceDto,
} from './good-faith-estimate.dto';

/* Response schemas of the Good Faith Estimate routes: the input as given, priced, with due dates and versions. */

export class PricedGfeItemDto extends GfeItemDto {
  @ApiProperty({ description: 'units × unitChargeCents.' })
  expectedChargeCents!: number;
}

export class PricedGfeProviderDto {
  @ApiProperty()
  name!: string;

  @ApiProperty()
  npi!: string;

  @ApiProperty()
  tin!: string;

  @ApiProperty({ type: GfeLocationDto })
  location!: GfeLocationDto;

  @ApiProperty({ type: [PricedGfeItemDto] })
  items!: PricedGfeItemDto[];

  @ApiProperty()
  totalCents!: number;
}

export class GoodFaithEstimateVersionDto {
  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date', description: 'When scheduled or requested (the day this version was made, UTC).' })
  issuedOn!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  dueDate!: string | null;

  @ApiProperty({ description: 'The No Surprises Act rule that set the due date.' })
  dueRule!: string;

  @ApiProperty({ type: GfePatientDto })
  patient!: GfePatientDto;

  @ApiProperty({ type: GfeServiceDto })
  primaryService!: GfeServiceDto;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  scheduledDate?: string | null;

  @ApiProperty({ type: [String] })
  diagnosisCodes!: string[];

  @ApiProperty({ type: [PricedGfeProviderDto] })
  providers!: PricedGfeProviderDto[];

  @ApiPropertyOptional({ type: [GfeSeparateServiceDto] })
  separatelyScheduledServices?: GfeSeparateServiceDto[];

  @ApiProperty()
  totalCents!: number;

  @ApiProperty({ type: [String] })
  disclaimers!: string[];
}

export class GoodFaithEstimateVersionSummaryDto {
  @ApiProperty()
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty()
  totalCents!: number;
}

export class GoodFaithEstimateResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: GoodFaithEstimateVersionDto })
  current!: GoodFaithEstimateVersionDto;

  @ApiProperty({ type: [GoodFaithEstimateVersionSummaryDto] })
  versions!: GoodFaithEstimateVersionSummaryDto[];
}
