import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AuditAction, type AuditContext } from '@continuum/audit';
import { CommonError, CommonErrorCode } from '@continuum/common';
import { type PovertyGuidelineTable, validatePovertyGuidelineTable } from '@continuum/domain';
import { CatalogChanges } from './catalog-changes';
import { CatalogError } from './catalog.errors';
import { PovertyGuidelineEntity } from './entities/poverty-guideline.entity';
import { readPovertyTables, writePovertyTable } from './catalog-store';

/** HHS poverty guidelines by year, as data: a new year is added through the API, without a release. */
@Injectable()
export class PovertyGuidelinesService {
  constructor(
    @InjectRepository(PovertyGuidelineEntity) private readonly rows: Repository<PovertyGuidelineEntity>,
    private readonly changes: CatalogChanges,
  ) {}

  async list(): Promise<PovertyGuidelineTable[]> {
    return readPovertyTables(this.rows.manager);
  }

  async add(table: PovertyGuidelineTable, context: AuditContext): Promise<PovertyGuidelineTable> {
    CatalogError.throwIfAny(validatePovertyGuidelineTable(table));
    await this.changes.apply(
      context,
      { action: AuditAction.PovertyGuidelinesCreate, subjectType: 'poverty_guidelines', subjectId: String(table.year) },
      async (manager) => {
        if (await manager.getRepository(PovertyGuidelineEntity).existsBy({ year: table.year })) {
          throw new CommonError(CommonErrorCode.Conflict, `Poverty guidelines for ${table.year} already exist`, {
            year: table.year,
          });
        }
        await writePovertyTable(manager, table);
        return {};
      },
    );
    return table;
  }
}
