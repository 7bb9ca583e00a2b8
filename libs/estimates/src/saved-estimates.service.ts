import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AuditContext } from '@continuum/audit';
import { CommonError, CommonErrorCode } from '@continuum/common';
import type { Estimate, EstimateRequest } from './estimate.types';
import { SavedEstimateEntity } from './saved-estimate.entity';

export interface SavedEstimate {
  id: string;
  createdAt: Date;
  request: EstimateRequest;
  estimate: Estimate;
}

/** Keeps estimates billing staff want to come back to, unchanged by later catalog changes. */
@Injectable()
export class SavedEstimatesService {
  constructor(@InjectRepository(SavedEstimateEntity) private readonly saved: Repository<SavedEstimateEntity>) {}

  async save(request: EstimateRequest, estimate: Estimate, context: AuditContext): Promise<SavedEstimate> {
    const row = await this.saved.save(
      this.saved.create({
        request,
        estimate,
        catalogVersion: String(estimate.catalogVersion),
        createdByKeyId: context.actor.type === 'api_key' ? context.actor.keyId : null,
      }),
    );
    return toSaved(row);
  }

  async get(id: string): Promise<SavedEstimate> {
    const row = await this.saved.findOneBy({ id });
    if (row === null) throw new CommonError(CommonErrorCode.NotFound, `No saved estimate with id ${id}`, { id });
    return toSaved(row);
  }
}

const toSaved = (row: SavedEstimateEntity): SavedEstimate => ({
  id: row.id,
  createdAt: row.createdAt,
  request: row.request,
  estimate: row.estimate,
});
