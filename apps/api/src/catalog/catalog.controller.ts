import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { type CatalogExport, CatalogSnapshotService, CatalogTransferService } from '@continuum/catalog';
import { AdminOnly } from '../access/access-policy';
import { type Caller, CurrentCaller } from '../access/caller';
import { CatalogDocumentDto } from './catalog-document.dto';

class CatalogVersionDto {
  @ApiProperty({ description: 'The catalog version after the import.' })
  version!: number;
}

class CatalogSnapshotInfoDto {
  @ApiProperty({ description: "The catalog version this replica's in-memory snapshot holds." })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  builtAt!: string;

  @ApiProperty()
  payers!: number;

  @ApiProperty()
  plans!: number;
}

@ApiTags('catalog')
@AdminOnly()
@Controller('v1/catalog')
export class CatalogController {
  constructor(
    private readonly transfer: CatalogTransferService,
    private readonly snapshots: CatalogSnapshotService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Export the whole catalog as one document (webhook secrets excluded)' })
  async export(): Promise<CatalogExport> {
    return this.transfer.export();
  }

  @Put()
  @ApiOperation({ summary: 'Import a whole catalog: validated as a whole, applied in one transaction, all or nothing' })
  async import(@Body() body: CatalogDocumentDto, @CurrentCaller() caller: Caller): Promise<CatalogVersionDto> {
    return this.transfer.import(body, caller);
  }

  @Get('snapshot')
  @ApiOperation({ summary: "This replica's in-memory catalog snapshot: its version and size" })
  snapshot(): CatalogSnapshotInfoDto {
    const snapshot = this.snapshots.current();
    return {
      version: snapshot.version,
      builtAt: snapshot.builtAt.toISOString(),
      payers: snapshot.payerCount,
      plans: snapshot.planCount,
    };
  }
}
