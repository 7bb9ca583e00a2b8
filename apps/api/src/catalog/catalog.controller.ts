import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CatalogExport, CatalogSnapshotService, CatalogTransferService } from '@continuum/catalog';
import { AdminOnly } from '../access/access-policy';
import { type Caller, CurrentCaller } from '../access/caller';
import { CatalogDocumentDto } from './catalog-document.dto';
import { CatalogExportDto, CatalogSnapshotInfoDto, CatalogVersionDto } from './catalog-response.dto';

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
  @ApiOkResponse({ type: CatalogExportDto })
  async export(): Promise<CatalogExport> {
    return this.transfer.export();
  }

  @Put()
  @ApiOperation({ summary: 'Import a whole catalog: validated as a whole, applied in one transaction, all or nothing' })
  @ApiOkResponse({ type: CatalogVersionDto })
  async import(@Body() body: CatalogDocumentDto, @CurrentCaller() caller: Caller): Promise<CatalogVersionDto> {
    return this.transfer.import(body, caller);
  }

  @Get('snapshot')
  @ApiOperation({ summary: "This replica's in-memory catalog snapshot: its version and size" })
  @ApiOkResponse({ type: CatalogSnapshotInfoDto })
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
